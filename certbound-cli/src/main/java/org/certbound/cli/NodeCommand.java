package org.certbound.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbound.server.node.NodeMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code certbound node}: runs a node until SIGTERM or Ctrl-C. */
@Command(
        name = "node",
        mixinStandardHelpOptions = true,
        description = "Runs a certbound node until it receives SIGTERM or Ctrl-C.")
final class NodeCommand implements Callable<Integer> {

    @Mixin
    private ConfigDirOption config;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory (default: <config>/../data).")
    private Path dataDir;

    @Option(names = "--logs", paramLabel = "DIR", description = "The logs directory (default: <config>/../logs).")
    private Path logsDir;

    @Option(
            names = "-E",
            paramLabel = "KEY=VALUE",
            description = "Sets a setting, overriding certbound.yml; repeatable, for example -E http.port=9201.")
    private List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        return NodeMain.run(config.resolve(), dataDir, logsDir, overrides);
    }
}
