package org.certbound.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config DIR} option shared by the subcommands. It defaults to {@code $CERTBOUND_PATH_CONF}, then to
 * {@code <certbound.home>/config}, then to {@code ./config}.
 */
final class ConfigDirOption {

    @Option(
            names = "--config",
            paramLabel = "DIR",
            description = "The config directory (default: $CERTBOUND_PATH_CONF, then <home>/config).")
    Path configDir;

    Path resolve() {
        if (configDir != null) {
            return configDir;
        }
        String fromEnv = System.getenv("CERTBOUND_PATH_CONF");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String home = System.getProperty("certbound.home");
        return home == null ? Path.of("config") : Path.of(home, "config");
    }
}
