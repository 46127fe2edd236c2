package org.certbound.server.remote;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.certbound.identity.RequestSigner;
import org.certbound.server.remote.transport.RemoteClusterClient;
import org.certbound.server.remote.transport.RemoteClusterConnection;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote clusters of this node: one connection per alias, the handshake that learns each remote
 * cluster's name, the credentials and signature on every request, and the {@code _remote/info} report.
 *
 * <p>Security: every request carries the alias's cross-cluster API key, and when a signer is
 * configured for the alias, a signature bound to the action, the remote cluster's name (as the
 * handshake reported it), the credentials, the subject info and the body digest.
 */
public final class RemoteClusterService implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RemoteClusterService.class);

    /** Returns the request signer of an alias; remote-security's {@code SigningConfigManager} provides it. */
    public interface SignerLookup {
        /**
         * Returns the signer of an alias.
         *
         * @param alias the remote cluster alias
         * @return the signer, or empty when the alias has no signing configuration
         */
        Optional<RequestSigner> signerFor(String alias);

        /**
         * Returns the last failed reload of the alias's signing material.
         *
         * @param alias the remote cluster alias
         * @return the error, or empty when the last reload succeeded
         */
        default Optional<String> lastReloadError(String alias) {
            return Optional.empty();
        }
    }

    /** Per-connection limits that have no setting of their own. */
    public record Limits(int socketsPerNode, Duration connectTimeout, Duration requestTimeout) {}

    private final RemoteClusterClient client;
    private final Supplier<io.netty.handler.ssl.SslContext> clientTls;
    private final SignerLookup signers;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Limits limits;
    private final Map<String, RemoteCluster> clusters = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> pings = new ConcurrentHashMap<>();

    /**
     * Creates the service with no remote cluster.
     *
     * @param client the client event loops
     * @param clientTls the current client TLS context, read when a connection is created
     * @param signers the per-alias request signers
     * @param scheduler runs pings and delayed closes
     * @param clock the clock of {@code _remote/info} timestamps
     * @param limits connection limits
     */
    public RemoteClusterService(
            RemoteClusterClient client,
            Supplier<io.netty.handler.ssl.SslContext> clientTls,
            SignerLookup signers,
            ScheduledExecutorService scheduler,
            Clock clock,
            Limits limits) {
        this.client = client;
        this.clientTls = clientTls;
        this.signers = signers;
        this.scheduler = scheduler;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Applies the configured aliases and their credentials: adds, changes and removes aliases.
     *
     * <p>A connection that is replaced closes after the request timeout, so requests in flight on it
     * finish. A credentials change keeps the connection and repeats the handshake with the new key.
     *
     * @param configs the configuration of every alias
     * @param credentials the credentials by alias, from the keystore
     */
    public synchronized void update(
            Map<String, RemoteClusterConfig> configs, Map<String, RemoteCredentials> credentials) {
        warnAboutCredentialsWithoutAlias(configs.keySet(), credentials.keySet());
        for (String alias : List.copyOf(clusters.keySet())) {
            if (!configs.containsKey(alias)) {
                RemoteCluster removed = clusters.remove(alias);
                cancelPing(alias);
                closeLater(removed.connection());
                logger.info("[{}] remote cluster removed", alias);
            }
        }
        configs.forEach((alias, config) -> apply(config, Optional.ofNullable(credentials.get(alias))));
    }

    private void apply(RemoteClusterConfig config, Optional<RemoteCredentials> credentials) {
        String alias = config.alias();
        RemoteCluster existing = clusters.get(alias);
        if (existing == null) {
            clusters.put(
                    alias, new RemoteCluster(config, credentials, this::connect, this::closeLater, signers, clock));
            logger.info(
                    "[{}] remote cluster added in [{}] mode with addresses {}",
                    alias,
                    config.mode().settingValue(),
                    config.initialAddresses());
        } else {
            if (!existing.config().equals(config)) {
                existing.replaceConfig(config).ifPresent(this::closeLater);
                logger.info("[{}] remote cluster settings changed", alias);
            }
            boolean same = credentials.isPresent()
                    ? credentials.get().sameAs(existing.credentials())
                    : existing.credentials().isEmpty();
            if (!same) {
                existing.replaceCredentials(credentials);
                logger.info(
                        "[{}] remote cluster credentials replaced, now API key [{}]",
                        alias,
                        credentials.map(RemoteCredentials::apiKeyId).orElse("<none>"));
            }
        }
        schedulePing(config);
    }

    private RemoteClusterConnection connect(
            RemoteClusterConfig config, List<InetSocketAddress> addresses, RemoteClusterConnection.Routing routing) {
        int perAddress =
                config.mode() == ConnectionMode.PROXY ? config.proxySocketConnections() : limits.socketsPerNode();
        return client.open(
                config.alias(),
                clientTls.get(),
                addresses,
                config.serverName().orElse(null),
                perAddress,
                limits.connectTimeout(),
                limits.requestTimeout(),
                routing);
    }

    private void warnAboutCredentialsWithoutAlias(Set<String> aliases, Set<String> credentialAliases) {
        for (String alias : credentialAliases) {
            if (!aliases.contains(alias)) {
                logger.warn(
                        "the keystore contains [cluster.remote.{}.credentials] but no remote cluster [{}] is"
                                + " configured (aliases are case-sensitive; configured aliases: {})",
                        alias,
                        alias,
                        new TreeSet<>(aliases));
            }
        }
    }

    /** Returns the configured aliases. */
    public Set<String> aliases() {
        return Set.copyOf(clusters.keySet());
    }

    /**
     * Returns whether a search skips an alias that fails instead of failing.
     *
     * @param alias a configured alias
     * @return the alias's {@code skip_unavailable}, true for an unknown alias
     */
    public boolean skipUnavailable(String alias) {
        RemoteCluster cluster = clusters.get(alias);
        return cluster == null || cluster.config().skipUnavailable();
    }

    /**
     * Returns whether the last handshake with an alias succeeded and no failure happened since.
     *
     * @param alias a configured alias
     * @return false for an unknown alias
     */
    public boolean isConnected(String alias) {
        RemoteCluster cluster = clusters.get(alias);
        return cluster != null && cluster.isConnected();
    }

    /**
     * Sends a cross-cluster request to an alias, after a handshake when none has succeeded yet.
     *
     * @param alias a configured alias
     * @param action an allowlisted action
     * @param subject the querying user and its remote privileges for this alias
     * @param body the JSON body
     * @param requestId the request id, repeated in the remote's logs and audit
     * @return the response with any status, or a failure with a {@link RemoteClusterException}
     */
    public CompletableFuture<CrossClusterResponse> send(
            String alias, String action, SubjectInfo subject, byte[] body, String requestId) {
        RemoteCluster cluster = clusters.get(alias);
        if (cluster == null) {
            return CompletableFuture.failedFuture(new RemoteClusterException(
                    alias,
                    404,
                    "no_such_remote_cluster_exception",
                    "no_such_remote_cluster",
                    "no such remote cluster: [" + alias + "]",
                    null));
        }
        return cluster.send(action, subject, body, requestId);
    }

    /**
     * Performs the handshake with an alias now, for {@code _resolve/cluster} and the ping.
     *
     * @param alias a configured alias
     * @return the handshake, or a failure with a {@link RemoteClusterException}
     */
    public CompletableFuture<HandshakeInfo> handshake(String alias) {
        RemoteCluster cluster = clusters.get(alias);
        if (cluster == null) {
            return CompletableFuture.failedFuture(new RemoteClusterException(
                    alias,
                    404,
                    "no_such_remote_cluster_exception",
                    "no_such_remote_cluster",
                    "no such remote cluster: [" + alias + "]",
                    null));
        }
        return cluster.handshake();
    }

    /** Starts the handshake with every alias in the background; failures show in {@code _remote/info}. */
    public void connectAll() {
        for (String alias : aliases()) {
            handshake(alias).exceptionally(failure -> null);
        }
    }

    /** Renders {@code GET /_remote/info}: Elasticsearch's fields plus signing and the last error per alias. */
    public ObjectNode info() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (String alias : new TreeSet<>(clusters.keySet())) {
            RemoteCluster cluster = clusters.get(alias);
            if (cluster != null) {
                root.set(alias, RemoteInfoRenderer.render(cluster, signers, limits));
            }
        }
        return root;
    }

    private void schedulePing(RemoteClusterConfig config) {
        cancelPing(config.alias());
        long millis = config.pingSchedule().toMillis();
        if (millis <= 0) {
            return;
        }
        pings.put(
                config.alias(),
                scheduler.scheduleWithFixedDelay(() -> ping(config.alias()), millis, millis, TimeUnit.MILLISECONDS));
    }

    private void ping(String alias) {
        RemoteCluster cluster = clusters.get(alias);
        if (cluster != null) {
            cluster.ping().exceptionally(failure -> null);
        }
    }

    private void cancelPing(String alias) {
        ScheduledFuture<?> ping = pings.remove(alias);
        if (ping != null) {
            ping.cancel(false);
        }
    }

    private void closeLater(RemoteClusterConnection connection) {
        scheduler.schedule(connection::close, limits.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Closes every connection and stops the pings. */
    @Override
    public synchronized void close() {
        new ArrayList<>(pings.keySet()).forEach(this::cancelPing);
        clusters.values().forEach(cluster -> cluster.connection().close());
        clusters.clear();
    }
}
