package org.certbound.server.remote;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.search.SearchSettings;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.node.NodeVersion;
import org.certbound.server.remote.search.CrossClusterActionDispatcher;
import org.certbound.server.remote.search.CrossClusterSearchService;
import org.certbound.server.remote.search.IndicesSearchEngine;
import org.certbound.server.remote.search.LocalSearchEngine;
import org.certbound.server.remote.search.RemoteSearchRoutes;
import org.certbound.server.remote.signing.SigningConfigManager;
import org.certbound.server.remote.transport.RemoteClusterClient;
import org.certbound.server.remote.transport.RemoteClusterServer;
import org.certbound.server.remote.transport.RemoteClusterServerSettings;
import org.certbound.server.remote.transport.TlsClientConfig;
import org.certbound.server.remote.transport.TlsContexts;
import org.certbound.server.remote.transport.TlsServerConfig;
import org.certbound.server.remote.verify.CrossClusterAccessException;
import org.certbound.server.remote.verify.CrossClusterAuthenticator;
import org.certbound.server.remote.verify.FailureCodes;
import org.certbound.server.remote.verify.IndexAccessControl;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts remote clusters on this node: the querying side's {@link RemoteClusterService} with its
 * dynamic settings and reloadable credentials, the {@code _remote/info}, {@code _resolve/cluster} and
 * cross-cluster search routes, and, with {@code remote_cluster_server.enabled: true}, the remote
 * cluster server. It must start after the remote security feature, whose services it uses.
 */
public final class RemoteClusterFeature implements NodeFeature {

    private static final Logger logger = LoggerFactory.getLogger(RemoteClusterFeature.class);

    /** Connections per remote node in sniff mode; HTTP/1.1 carries one request per connection at a time. */
    private static final int SOCKETS_PER_NODE = 6;

    private @Nullable RemoteClusterClient client;
    private @Nullable RemoteClusterService remotes;
    private @Nullable RemoteClusterServer server;

    @Override
    public List<Object> settings() {
        List<Object> all = new ArrayList<>(RemoteClusterSettings.all());
        all.addAll(RemoteClusterServerSettings.all());
        return all;
    }

    @Override
    public void start(NodeContext context) throws Exception {
        Settings node = context.settings();
        AtomicReference<SslContext> clientTls = new AtomicReference<>();
        TlsClientConfig clientConfig =
                RemoteClusterServerSettings.clientTls(node, context.secureSettings(), context::resolveConfigPath);
        clientTls.set(TlsContexts.client(clientConfig));
        for (Path file : clientConfig.files()) {
            context.fileWatcher().watch(file, () -> reloadClientTls(clientTls, clientConfig));
        }

        RemoteClusterClient startedClient = new RemoteClusterClient(2);
        this.client = startedClient;
        RemoteClusterService.Limits limits = new RemoteClusterService.Limits(
                SOCKETS_PER_NODE,
                RemoteClusterSettings.INITIAL_CONNECT_TIMEOUT.get(node),
                RemoteClusterSettings.REQUEST_TIMEOUT.get(node));
        RemoteClusterService service = new RemoteClusterService(
                startedClient, clientTls::get, signers(context), context.scheduler(), Clock.systemUTC(), limits);
        this.remotes = service;
        Duration defaultPing = RemoteClusterSettings.DEFAULT_PING_SCHEDULE.get(node);
        AtomicReference<Map<String, RemoteCredentials>> credentials =
                new AtomicReference<>(RemoteClusterSettings.credentials(context.secureSettings()));
        service.update(
                RemoteClusterSettings.configs(context.clusterSettings().effective(), defaultPing), credentials.get());
        context.clusterSettings().addListener(new ConnectionSettingsListener(service, credentials, defaultPing));
        context.addSecureSettingsReloadListener(
                new CredentialsReloadListener(context, service, credentials, defaultPing));
        service.connectAll();

        // The index feature may register either the engine adapter or only its IndicesService.
        IntSupplier maxBuckets = SearchSettings.maxBuckets(context.clusterSettings());
        Supplier<Optional<LocalSearchEngine>> engine = () -> context.service(LocalSearchEngine.class)
                .or(() -> context.service(IndicesService.class)
                        .map(indices -> new IndicesSearchEngine(indices, new SearchService(indices, maxBuckets))));
        CrossClusterSearchService search = new CrossClusterSearchService(service, engine, maxBuckets);
        context.registerService(RemoteClusterService.class, service);
        context.registerService(CrossClusterSearchService.class, search);
        RemoteSearchRoutes.register(context.restController(), service, search);

        if (RemoteClusterServerSettings.ENABLED.get(node)) {
            startServer(context, engine);
        }
    }

    private void startServer(NodeContext context, Supplier<Optional<LocalSearchEngine>> engine) throws Exception {
        Settings node = context.settings();
        TlsServerConfig serverConfig =
                RemoteClusterServerSettings.serverTls(node, context.secureSettings(), context::resolveConfigPath);
        AtomicReference<SslContext> serverTls = new AtomicReference<>(TlsContexts.server(serverConfig));
        Runnable reload = () -> reloadServerTls(serverTls, serverConfig);
        for (Path file : serverConfig.files()) {
            context.fileWatcher().watch(file, reload);
        }

        AtomicReference<HandshakeInfo> handshake = new AtomicReference<>();
        CrossClusterActionDispatcher dispatcher =
                new CrossClusterActionDispatcher(authenticator(context), engine, handshake::get);
        RemoteClusterServer started = new RemoteClusterServer(
                RemoteClusterServerSettings.bindHost(node),
                RemoteClusterServerSettings.PORT.get(node),
                serverTls::get,
                context::clusterName,
                (int) Math.min(Integer.MAX_VALUE, RemoteClusterServerSettings.MAX_CONTENT_LENGTH.get(node)),
                dispatcher,
                context.executor());
        InetSocketAddress bound = started.start();
        this.server = started;
        String publish = RemoteClusterServerSettings.publishHost(node) + ":" + bound.getPort();
        handshake.set(new HandshakeInfo(
                context.clusterName(),
                context.clusterUuid(),
                context.nodeName(),
                NodeVersion.ELASTICSEARCH_COMPATIBLE,
                List.of(publish)));
        context.publishAddress("remote_cluster", bound);
    }

    private static void reloadClientTls(AtomicReference<SslContext> target, TlsClientConfig config) {
        try {
            target.set(TlsContexts.client(config));
            logger.info("reloaded the remote cluster client TLS material from {}", config.files());
        } catch (IllegalArgumentException e) {
            logger.warn(
                    "failed to reload the remote cluster client TLS material {}; keeping the previous one: {}",
                    config.files(),
                    e.getMessage());
        }
    }

    private static void reloadServerTls(AtomicReference<SslContext> target, TlsServerConfig config) {
        try {
            target.set(TlsContexts.server(config));
            logger.info("reloaded the remote cluster server TLS material from {}", config.files());
        } catch (IllegalArgumentException e) {
            logger.warn(
                    "failed to reload the remote cluster server TLS material {}; keeping the previous one: {}",
                    config.files(),
                    e.getMessage());
        }
    }

    private static RemoteClusterService.SignerLookup signers(NodeContext context) {
        return new RemoteClusterService.SignerLookup() {
            @Override
            public Optional<org.certbound.identity.RequestSigner> signerFor(String alias) {
                return context.service(SigningConfigManager.class).flatMap(manager -> manager.signerFor(alias));
            }

            @Override
            public Optional<String> lastReloadError(String alias) {
                return context.service(SigningConfigManager.class)
                        .flatMap(manager -> manager.status(alias))
                        .flatMap(status -> Optional.ofNullable(status.lastReloadError()));
            }
        };
    }

    private static CrossClusterAuthenticator authenticator(NodeContext context) {
        return new CrossClusterAuthenticator() {
            @Override
            public VerifiedCrossClusterRequest authenticate(CrossClusterRequest request)
                    throws CrossClusterAccessException {
                return delegate().authenticate(request);
            }

            @Override
            public Map<String, IndexAccessControl> authorize(
                    CrossClusterRequest request,
                    VerifiedCrossClusterRequest verified,
                    java.util.Collection<String> indices)
                    throws CrossClusterAccessException {
                return delegate().authorize(request, verified, indices);
            }

            private CrossClusterAuthenticator delegate() throws CrossClusterAccessException {
                Optional<CrossClusterAuthenticator> found = context.service(CrossClusterAuthenticator.class);
                if (found.isEmpty()) {
                    throw new CrossClusterAccessException(
                            FailureCodes.AUTHENTICATION_UNAVAILABLE,
                            503,
                            "the remote cluster cannot authenticate cross-cluster requests right now",
                            "no cross-cluster authenticator is registered on this node",
                            null,
                            null);
                }
                return found.get();
            }
        };
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (remotes != null) {
            remotes.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Applies dynamic changes of the per-alias connection settings, after validating all of them. */
    private record ConnectionSettingsListener(
            RemoteClusterService service,
            AtomicReference<Map<String, RemoteCredentials>> credentials,
            Duration defaultPing)
            implements SettingsListener {

        @Override
        public Predicate<String> keys() {
            return RemoteClusterSettings::isConnectionKey;
        }

        @Override
        public void validate(Settings candidate) {
            RemoteClusterSettings.configs(candidate, defaultPing);
        }

        @Override
        public void apply(Settings previous, Settings current) {
            try {
                service.update(RemoteClusterSettings.configs(current, defaultPing), credentials.get());
                service.connectAll();
            } catch (RuntimeException e) {
                logger.error("failed to apply remote cluster settings after they were validated", e);
            }
        }
    }

    /** Replaces the credentials of every alias from the reloaded keystore and repeats the handshakes. */
    private record CredentialsReloadListener(
            NodeContext context,
            RemoteClusterService service,
            AtomicReference<Map<String, RemoteCredentials>> credentials,
            Duration defaultPing)
            implements SecureSettingsReloadListener {

        @Override
        public String name() {
            return "remote_cluster_credentials";
        }

        @Override
        public void reload(SecureSettings newSettings) {
            Map<String, RemoteCredentials> reloaded = RemoteClusterSettings.credentials(newSettings);
            credentials.set(reloaded);
            service.update(
                    RemoteClusterSettings.configs(context.clusterSettings().effective(), defaultPing), reloaded);
            service.connectAll();
        }
    }
}
