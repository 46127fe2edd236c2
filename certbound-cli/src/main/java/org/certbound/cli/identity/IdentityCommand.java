package org.certbound.cli.identity;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code certbound identity}: shows, tests and verifies certificates the way a fulfilling cluster judges them. */
@Command(
        name = "identity",
        mixinStandardHelpOptions = true,
        description = "Shows a certificate's canonical DN, tests a certificate_identity pattern against it, and"
                + " verifies a chain against trusted CAs, with the same code the fulfilling cluster runs.",
        subcommands = {ShowCommand.class, TestCommand.class, VerifyCommand.class},
        footer = {"", "Exit codes: 0 match or trusted, 1 no match or untrusted, 2 usage or input error."})
public final class IdentityCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
