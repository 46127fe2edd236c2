package org.certbound.cli.demo;

import java.nio.file.Path;
import org.certbound.cli.ExitCodes;
import org.certbound.cli.Terminal;
import org.certbound.cli.ToolCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certbound demo}: runs strong identity verification end to end with two local clusters. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        header = "Runs strong identity verification end to end on two local clusters, then the attacks it stops.",
        description = "Creates a fresh work directory, makes certificates, starts a fulfilling and a querying cluster"
                + " as separate node processes on 127.0.0.1 (ephemeral ports), creates a cross-cluster API key bound"
                + " to the querying cluster's certificate identity, loads sample logs, runs a cross-cluster search,"
                + " and then tries the attacks that must fail: a stolen key used from a third cluster, an unsigned"
                + " request, a certificate from an untrusted CA, an expired certificate and a replayed request."
                + " Each step prints the settings written, the REST call as curl and the trimmed response.",
        footer = {"", "Exit codes: 0 every check behaved as expected, 1 a check misbehaved, 2 usage or setup error."})
public final class DemoCommand extends ToolCommand {

    @Option(names = "--keep", description = "Leave the clusters running at the end and print how to reach them.")
    boolean keep;

    @Option(names = "--dir", paramLabel = "DIR", description = "Work directory (default: a new temporary directory).")
    Path workDir;

    @Option(
            names = "--docs",
            paramLabel = "N",
            description = "Sample log documents to load into the fulfilling cluster, the first N of the 100,000"
                    + " of the sample data set (default: ${DEFAULT-VALUE}).")
    int documents = 20_000;

    /** Creates the command on the process's terminal. */
    public DemoCommand() {
        this(Terminal.system());
    }

    /** Creates the command on the given terminal. */
    public DemoCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    protected int execute() {
        DemoScenario scenario = new DemoScenario(new DemoOutput(out()), workDir, documents, keep);
        return scenario.run() ? ExitCodes.OK : ExitCodes.NEGATIVE;
    }
}
