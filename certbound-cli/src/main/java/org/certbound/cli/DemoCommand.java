package org.certbound.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbound.server.node.NodeMain;
import picocli.CommandLine.Command;

/**
 * {@code certbound demo}: starts a node from the distribution's example config, with its data and logs under
 * {@code <home>/run/demo}.
 */
// NOTE: this only starts one node; the two-cluster demo with signed cross-cluster requests replaces it.
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts a node from the example config; data and logs go to <home>/run/demo.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        String home = System.getProperty("certbound.home", ".");
        Path run = Path.of(home, "run", "demo");
        return NodeMain.run(Path.of(home, "config"), run.resolve("data"), run.resolve("logs"), List.of());
    }
}
