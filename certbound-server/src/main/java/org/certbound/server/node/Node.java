package org.certbound.server.node;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.certbound.server.http.HttpServer;
import org.certbound.server.http.HttpSettings;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.remote.RemoteClusterSettings;
import org.certbound.server.rest.RestController;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.security.SecuritySettings;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.certbound.server.settings.SettingsRegistry;
import org.certbound.server.store.H2StateStore;
import org.certbound.server.store.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A certbound node: it validates the settings, opens the state store and the keystore, starts every
 * {@link NodeFeature} and then the HTTP server. {@link #close()} stops everything in reverse order.
 */
public final class Node implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(Node.class);

    private final NodeEnvironment environment;
    private final List<NodeFeature> features;
    private final SettingsRegistry registry = new SettingsRegistry();
    private final NodeServices services;
    private final List<NodeFeature> started = Collections.synchronizedList(new ArrayList<>());
    private HttpServer httpServer;
    private InetSocketAddress httpAddress;
    private boolean closed;

    /** Creates a node with the features of {@link NodeFeatures#all()}. */
    public Node(NodeEnvironment environment) {
        this(environment, NodeFeatures.all());
    }

    /**
     * Creates a node with the given features, validating every static setting first.
     *
     * @throws SettingsException for an unknown key or an invalid value
     * @throws IllegalStateException when the keystore or the state store cannot be opened
     */
    public Node(NodeEnvironment environment, List<NodeFeature> features) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.features = List.copyOf(features);
        registry.registerAll(NodeSettings.all());
        registry.registerAll(HttpSettings.all());
        registry.registerAll(SecuritySettings.all());
        registry.registerAll(LoggingSettings.all());
        for (NodeFeature feature : this.features) {
            registry.registerAll(feature.settings());
        }
        validateStaticSettings(environment.settings());
        this.services = openServices();
    }

    private void validateStaticSettings(Settings settings) {
        for (String key : settings.keySet()) {
            var setting =
                    registry.lookup(key).orElseThrow(() -> registry.unknownSetting(key, NodeEnvironment.CONFIG_FILE));
            setting.validate(settings);
            if (setting.isDeprecated()) {
                logger.warn("setting [{}] is deprecated and will be removed in a future version", key);
            }
        }
    }

    private NodeServices openServices() {
        SecureSettings secure;
        try {
            secure = environment.loadSecureSettings();
        } catch (KeystoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            environment.clearPassword();
        }
        try {
            SecuritySettings.requireEnabled(
                    environment.settings(), secure.keys(), RemoteClusterSettings.CREDENTIALS::matches);
        } catch (SettingsException e) {
            secure.close();
            throw e;
        }
        for (String key : secure.keys()) {
            if (registry.lookup(key).filter(s -> s.isSecure()).isEmpty()) {
                logger.warn("keystore entry [{}] is not a known secure setting and is ignored", key);
            }
        }

        StateStore store = H2StateStore.open(environment.dataDir());
        ClusterSettings clusterSettings = new ClusterSettings(registry, environment.settings(), store);
        AuthenticationService authentication = new AuthenticationService();
        AuthorizationService authorization = new AuthorizationService();
        RestController controller = new RestController(authentication, authorization);

        ExecutorService workers = newWorkerPool();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemonThreads("certbound-scheduler"));
        FileWatcher watcher = new FileWatcher(scheduler, FileWatcher.RELOAD_INTERVAL.get(environment.settings()));
        return new NodeServices(
                environment,
                registry,
                clusterSettings,
                secure,
                store,
                controller,
                authentication,
                authorization,
                workers,
                scheduler,
                watcher);
    }

    /**
     * Starts the features and the HTTP server, then publishes the HTTP address to {@code <data>/node.ports}.
     *
     * @throws Exception when a feature fails to start; the node is closed before this returns
     */
    public synchronized void start() throws Exception {
        try {
            LoggingSettings.applyLevel(services.clusterSettings().effective());
            services.clusterSettings().addListener(LoggingSettings.listener());
            for (NodeFeature feature : features) {
                feature.start(services);
                started.add(feature);
            }
            Settings settings = environment.settings();
            httpServer = new HttpServer(
                    HttpSettings.HOST.get(settings),
                    HttpSettings.PORT.get(settings),
                    HttpSettings.MAX_CONTENT_LENGTH.get(settings),
                    org.certbound.server.http.HttpServer.sslContext(
                            settings, services.secureSettings(), services::resolveConfigPath),
                    services.restController(),
                    services.executor());
            httpAddress = httpServer.start();
            String scheme = httpServer.isTls() ? "https" : "http";
            services.publishAddress("http", httpAddress);
            logger.info(
                    "started certbound [{}] node [{}] of cluster [{}] on [{}://{}], config [{}], data [{}]",
                    NodeVersion.CERTBOUND,
                    services.nodeName(),
                    services.clusterName(),
                    scheme,
                    formatAddress(httpAddress),
                    environment.configDir(),
                    environment.dataDir());
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Returns the bound HTTP address; null before {@link #start()}. */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /** Returns the services features see. */
    public NodeContext context() {
        return services;
    }

    /** Stops the HTTP server, the features in reverse order, the executors, the store and the keystore. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        logger.info("stopping node [{}]", services.nodeName());
        if (httpServer != null) {
            httpServer.close();
        }
        List<NodeFeature> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (NodeFeature feature : reverse) {
            try {
                feature.close();
            } catch (RuntimeException e) {
                logger.warn("feature [{}] failed to close", feature.getClass().getSimpleName(), e);
            }
        }
        services.fileWatcher().close();
        shutdown(services.scheduler());
        shutdown(services.executor());
        services.stateStore().close();
        services.secureSettings().close();
        logger.info("stopped node [{}]", services.nodeName());
    }

    private static void shutdown(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static String formatAddress(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static ExecutorService newWorkerPool() {
        int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
        return Executors.newFixedThreadPool(threads, daemonThreads("certbound-rest"));
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Returns the data directory's port file, where the node publishes its bound addresses. */
    public static Path portsFile(Path dataDir) {
        return dataDir.resolve(NodeServices.PORTS_FILE);
    }
}
