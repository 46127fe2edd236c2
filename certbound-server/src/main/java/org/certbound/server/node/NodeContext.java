package org.certbound.server.node;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.certbound.server.rest.RestController;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.Authenticator;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsRegistry;
import org.certbound.server.store.StateStore;

/** What a {@link NodeFeature} may use while it starts and runs. */
public interface NodeContext {

    /** Returns the static settings: {@code certbound.yml} with the {@code -E} overrides. */
    Settings settings();

    /** Returns every setting declaration of the node. */
    SettingsRegistry settingsRegistry();

    /** Returns the dynamic settings. */
    ClusterSettings clusterSettings();

    /** Returns the current keystore; a secure settings reload replaces it. */
    SecureSettings secureSettings();

    /** Returns the state store. */
    StateStore stateStore();

    /** Returns the REST controller to register routes on. */
    RestController restController();

    /** Returns the authentication service. */
    AuthenticationService authenticationService();

    /** Returns the authorization service. */
    AuthorizationService authorizationService();

    /** Returns the worker pool that runs REST handlers; features may submit blocking work. */
    ExecutorService executor();

    /** Returns the scheduler for periodic work such as file watching. */
    ScheduledExecutorService scheduler();

    /** Returns the file watcher. */
    FileWatcher fileWatcher();

    /** Returns the config directory; relative paths in settings resolve against it. */
    Path configDir();

    /** Returns the data directory. */
    Path dataDir();

    /** Returns the logs directory, for example for the audit log. */
    Path logsDir();

    /** Returns {@code cluster.name}. */
    String clusterName();

    /** Returns the cluster UUID, created on first start and kept in the state store. */
    String clusterUuid();

    /** Returns {@code node.name}. */
    String nodeName();

    /** Returns the node id, created on first start and kept in the data directory. */
    String nodeId();

    /** Resolves {@code path} against the config directory unless it is absolute. */
    default Path resolveConfigPath(Path path) {
        return configDir().resolve(path).normalize();
    }

    /** Adds an authenticator after the built-in ones. */
    void addAuthenticator(Authenticator authenticator);

    /** Adds a listener that {@code POST /_nodes/reload_secure_settings} calls. */
    void addSecureSettingsReloadListener(SecureSettingsReloadListener listener);

    /**
     * Publishes a bound address under {@code name} (for example {@code http} or {@code remote_cluster}) in
     * {@code <data>/node.ports}, one {@code name=host:port} line each, so tests and tools find ephemeral ports.
     */
    void publishAddress(String name, java.net.InetSocketAddress address);
}
