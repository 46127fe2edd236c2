package org.certbound.cli.certutil;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code certbound certutil}: makes CAs and certificates for TLS and for signing cross-cluster requests. */
@Command(
        name = "certutil",
        mixinStandardHelpOptions = true,
        description = "Makes certificate authorities and certificates for TLS and cross-cluster request signing.",
        subcommands = {CaCommand.class, CertCommand.class})
public final class CertutilCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
