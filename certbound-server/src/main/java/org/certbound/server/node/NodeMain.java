package org.certbound.server.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.certbound.identity.KeyMaterialException;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/**
 * Runs a node until the process is stopped: {@code NodeMain --config DIR [--data DIR] [--logs DIR] [-E key=value
 * ...]}. SIGTERM closes the node through a shutdown hook.
 *
 * <p>A password-protected keystore's password is read from the file named by the environment variable
 * {@code CERTBOUND_KEYSTORE_PASSPHRASE_FILE}, or else from the first line of standard input.
 */
public final class NodeMain {

    /** The exit status for an invalid configuration, as in sysexits.h. */
    public static final int EXIT_CONFIG = 78;

    /** The environment variable naming a file with the keystore password. */
    public static final String PASSPHRASE_FILE_ENV = "CERTBOUND_KEYSTORE_PASSPHRASE_FILE";

    private static final String LOGBACK_CONFIG = "org/certbound/server/node/logback-node.xml";

    private NodeMain() {}

    /** Parses the arguments, runs the node and exits with its status. */
    public static void main(String[] args) {
        Path config = null;
        Path data = null;
        Path logs = null;
        List<String> overrides = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                usage("option [" + arg + "] needs a value");
            }
            String value = args[++i];
            switch (arg) {
                case "--config" -> config = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--logs" -> logs = Path.of(value);
                case "-E" -> overrides.add(value);
                default -> usage("unknown option [" + arg + "]");
            }
        }
        if (config == null) {
            usage("option [--config] is required");
        }
        System.exit(run(config, data, logs, overrides));
    }

    /**
     * Configures logging, starts a node and blocks until the JVM shuts down.
     *
     * @param overrides {@code key=value} pairs from {@code -E}
     * @return the exit status: 0 after a clean stop, {@link #EXIT_CONFIG} for a configuration error, 1 otherwise
     */
    public static int run(Path configDir, Path dataDir, Path logsDir, List<String> overrides) {
        Settings cli;
        try {
            cli = parseOverrides(overrides);
        } catch (IllegalArgumentException e) {
            System.err.println("certbound: " + e.getMessage());
            return EXIT_CONFIG;
        }
        char[] password = new char[0];
        try {
            password = keystorePassword(configDir);
            NodeEnvironment environment = new NodeEnvironment(configDir, dataDir, logsDir, cli, password);
            configureLogging(environment.logsDir());
            return runNode(environment);
        } catch (SettingsException e) {
            System.err.println("certbound: invalid configuration: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (Exception e) {
            if (isConfigurationError(e)) {
                // The message names the setting and the fix; a stack trace would only bury it.
                System.err.println("certbound: invalid configuration: " + e.getMessage());
                org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(NodeMain.class);
                logger.error("failed to start the node because of a configuration error: {}", e.getMessage());
                logger.debug("stack trace of the configuration error", e);
                return EXIT_CONFIG;
            }
            System.err.println("certbound: failed to start the node: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(NodeMain.class).error("failed to start the node", e);
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * Returns whether a startup failure is a configuration error: an invalid or missing setting value, or a key,
     * certificate or keystore file that does not load. Anything else may be a bug and keeps its stack trace.
     */
    static boolean isConfigurationError(Throwable failure) {
        // The depth bound guards against a cause chain that loops.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException
                    || cause instanceof KeystoreException
                    || cause instanceof KeyMaterialException) {
                return true;
            }
        }
        return false;
    }

    private static int runNode(NodeEnvironment environment) throws Exception {
        Node node = new Node(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.close();
                            stopped.countDown();
                        },
                        "certbound-shutdown"));
        node.start();
        stopped.await();
        return 0;
    }

    /**
     * Parses {@code -E key=value} pairs.
     *
     * @throws IllegalArgumentException for a pair without {@code =} or with an empty key
     */
    public static Settings parseOverrides(List<String> overrides) {
        Settings.Builder builder = Settings.builder();
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("invalid option [-E " + override
                        + "]: expected [-E key=value], for example [-E http.port=9201]");
            }
            builder.put(override.substring(0, eq).trim(), override.substring(eq + 1));
        }
        return builder.build();
    }

    /** Points Logback at the node configuration and the logs directory, unless the caller chose a configuration. */
    public static void configureLogging(Path logsDir) {
        System.setProperty("certbound.logs", logsDir.toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
    }

    private static char[] keystorePassword(Path configDir) throws IOException, KeystoreException {
        if (!CertboundKeystore.exists(configDir) || !CertboundKeystore.hasPassword(configDir)) {
            return new char[0];
        }
        String file = System.getenv(PASSPHRASE_FILE_ENV);
        if (file != null) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8)
                    .strip()
                    .toCharArray();
        }
        if (System.console() != null) {
            return System.console().readPassword("Enter the password of the certbound keystore: ");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line == null) {
            throw new KeystoreException(
                    "the keystore is password-protected but no password was given; set [" + PASSPHRASE_FILE_ENV
                            + "] or pass it on standard input",
                    null);
        }
        return line.toCharArray();
    }

    private static void usage(String problem) {
        System.err.println("certbound: " + problem);
        System.err.println("usage: NodeMain --config DIR [--data DIR] [--logs DIR] [-E key=value ...]");
        System.exit(64);
    }
}
