package org.certbound.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code certbound} command, with one subcommand per tool. */
@Command(
        name = "certbound",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A search-cluster node with certificate-bound cross-cluster API keys.",
        subcommands = {
            CommandLine.HelpCommand.class,
            NodeCommand.class,
            KeystoreCommand.class,
            UsersCommand.class,
            DemoCommand.class
        })
public final class CertboundCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** Builds the command line with every subcommand registered. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new CertboundCommand());
    }
}
