package org.certbound.server.remote;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.transport.OutboundCrossClusterRequest;
import org.certbound.server.remote.transport.RemoteClusterConnection;
import org.certbound.server.remote.transport.RemoteTransportException;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live state of one remote cluster alias: its configuration, credentials, connection, the
 * result of the last handshake and the last error.
 *
 * <p>Configuration, credentials and connection are swapped atomically, so a request always uses one
 * consistent snapshot; a request that started before a credentials reload finishes with the old key.
 *
 * <p>In sniff mode the connection starts on the seeds, one at a time in their configured order: a seed that
 * cannot be reached passes the requests to the next one. After each successful handshake the alias moves to the
 * remote cluster server addresses that the handshake reported, at most {@code node_connections} of them, and
 * spreads requests over them. When a request to those addresses fails in transport, the alias goes back to the
 * seeds, so a remote node that comes back under another address is found again.
 */
final class RemoteCluster {

    private static final Logger logger = LoggerFactory.getLogger(RemoteCluster.class);

    /** The subject of the handshake, which carries no user and asks for no index privilege. */
    static final SubjectInfo HANDSHAKE_SUBJECT =
            new SubjectInfo("_system", "__internal", "__internal", List.of(Map.of()));

    /** The last failure of this alias, for {@code _remote/info}. */
    record LastError(Instant timestamp, String type, String reasonCode, String reason) {}

    /** Opens the connection of an alias to some of its addresses. */
    interface Connector {
        /**
         * Opens a connection; no socket opens before its first request.
         *
         * @param config the alias configuration
         * @param addresses the addresses, in preference order
         * @param routing the order in which requests use the addresses
         */
        RemoteClusterConnection open(
                RemoteClusterConfig config, List<InetSocketAddress> addresses, RemoteClusterConnection.Routing routing);
    }

    private final String alias;
    private final Connector connector;
    private final Consumer<RemoteClusterConnection> retire;
    private final RemoteClusterService.SignerLookup signers;
    private final Clock clock;
    private final AtomicReference<RemoteClusterConfig> config;
    private final AtomicReference<Optional<RemoteCredentials>> credentials;
    private final AtomicReference<RemoteClusterConnection> connection;
    private final AtomicReference<@Nullable CompletableFuture<HandshakeInfo>> handshake = new AtomicReference<>();
    private final AtomicReference<@Nullable HandshakeInfo> lastHandshake = new AtomicReference<>();
    private final AtomicReference<Optional<LastError>> lastError = new AtomicReference<>(Optional.empty());
    private final AtomicBoolean onSniffedNodes = new AtomicBoolean();
    private volatile boolean connected;

    /**
     * Creates the alias with a connection to its initial addresses.
     *
     * @param connector opens connections
     * @param retire closes a replaced connection once its requests had time to finish
     */
    RemoteCluster(
            RemoteClusterConfig config,
            Optional<RemoteCredentials> credentials,
            Connector connector,
            Consumer<RemoteClusterConnection> retire,
            RemoteClusterService.SignerLookup signers,
            Clock clock) {
        this.alias = config.alias();
        this.connector = connector;
        this.retire = retire;
        this.signers = signers;
        this.clock = clock;
        this.config = new AtomicReference<>(config);
        this.credentials = new AtomicReference<>(credentials);
        this.connection = new AtomicReference<>(openInitial(config));
    }

    String alias() {
        return alias;
    }

    RemoteClusterConfig config() {
        return config.get();
    }

    Optional<RemoteCredentials> credentials() {
        return credentials.get();
    }

    boolean isConnected() {
        return connected;
    }

    Optional<HandshakeInfo> lastHandshake() {
        return Optional.ofNullable(lastHandshake.get());
    }

    Optional<LastError> lastError() {
        return lastError.get();
    }

    RemoteClusterConnection connection() {
        return connection.get();
    }

    /** Replaces the credentials and discards the handshake, so the next request proves the new key. */
    void replaceCredentials(Optional<RemoteCredentials> replacement) {
        credentials.set(replacement);
        handshake.set(null);
        connected = false;
    }

    /**
     * Replaces the configuration; returns the connection to close when the addresses changed.
     *
     * @param replacement the new configuration of this alias
     * @return the old connection when a new one replaced it
     */
    Optional<RemoteClusterConnection> replaceConfig(RemoteClusterConfig replacement) {
        RemoteClusterConfig previous = config.getAndSet(replacement);
        handshake.set(null);
        connected = false;
        if (previous.initialAddresses().equals(replacement.initialAddresses())
                && previous.proxySocketConnections() == replacement.proxySocketConnections()
                && previous.serverName().equals(replacement.serverName())
                && previous.nodeConnections() == replacement.nodeConnections()) {
            return Optional.empty();
        }
        onSniffedNodes.set(false);
        return Optional.of(connection.getAndSet(openInitial(replacement)));
    }

    /** Returns the handshake, performing it when none succeeded since the last change or failure. */
    CompletableFuture<HandshakeInfo> handshake() {
        CompletableFuture<HandshakeInfo> current = handshake.get();
        if (current != null && !current.isCompletedExceptionally()) {
            return current;
        }
        CompletableFuture<HandshakeInfo> started = new CompletableFuture<>();
        if (!handshake.compareAndSet(current, started)) {
            return handshake();
        }
        signedHandshake("handshake-" + alias).whenComplete((info, failure) -> {
            if (failure != null) {
                handshake.compareAndSet(started, null);
                started.completeExceptionally(unwrap(failure));
            } else {
                started.complete(info);
            }
        });
        return started;
    }

    /**
     * Checks the connection with a new signed handshake, even when an earlier one succeeded, so that a remote that has
     * gone away or now rejects the key shows in {@code _remote/info} before a search needs it. Requests keep using the
     * earlier handshake while the ping runs; a failed ping discards it, so the next request handshakes again.
     */
    CompletableFuture<HandshakeInfo> ping() {
        CompletableFuture<HandshakeInfo> current = handshake.get();
        if (current == null || !current.isDone() || current.isCompletedExceptionally()) {
            return handshake();
        }
        return signedHandshake("ping-" + alias).whenComplete((info, failure) -> {
            if (failure != null) {
                handshake.compareAndSet(current, null);
                // This path runs only after a successful handshake, so it logs once per loss: the next ping
                // finds no usable handshake and starts a new one quietly.
                logger.warn(
                        "[{}] remote cluster is no longer usable, found by the scheduled ping: {}",
                        alias,
                        unwrap(failure).getMessage());
            }
        });
    }

    /** Learns the remote's cluster name, then sends the signed handshake for it and records the result. */
    private CompletableFuture<HandshakeInfo> signedHandshake(String requestId) {
        return probeClusterName()
                .thenCompose(clusterName -> sendSigned(
                        CrossClusterActions.HANDSHAKE,
                        clusterName,
                        HANDSHAKE_SUBJECT,
                        "{}".getBytes(StandardCharsets.UTF_8),
                        requestId))
                .thenApply(this::completeHandshake);
    }

    /**
     * Asks the remote for its cluster name with an unauthenticated handshake, so the authenticated
     * handshake that follows can be signed for that name.
     */
    private CompletableFuture<String> probeClusterName() {
        OutboundCrossClusterRequest probe = new OutboundCrossClusterRequest(
                CrossClusterActions.HANDSHAKE,
                Map.of(CrossClusterHeaders.REQUEST_ID, "probe-" + alias),
                "{}".getBytes(StandardCharsets.UTF_8));
        return connection
                .get()
                .send(probe)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(transportFailure(failure)))
                .thenApply(response -> {
                    if (!response.isSuccess()) {
                        throw new CompletionException(rejection(response));
                    }
                    try {
                        return HandshakeInfo.parse(response.body()).clusterName();
                    } catch (IllegalArgumentException e) {
                        throw new CompletionException(invalidHandshake(e));
                    }
                });
    }

    private RemoteClusterException invalidHandshake(IllegalArgumentException e) {
        return record(new RemoteClusterException(
                alias,
                502,
                "illegal_state_exception",
                "invalid_handshake",
                "remote cluster [" + alias + "] sent an invalid handshake response: " + e.getMessage(),
                e));
    }

    private HandshakeInfo completeHandshake(CrossClusterResponse response) {
        if (!response.isSuccess()) {
            throw new CompletionException(rejection(response));
        }
        HandshakeInfo info;
        try {
            info = HandshakeInfo.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new CompletionException(invalidHandshake(e));
        }
        lastHandshake.set(info);
        connected = true;
        lastError.set(Optional.empty());
        logger.debug("[{}] handshake with remote cluster [{}] succeeded", alias, info.clusterName());
        applySniffedNodes(info);
        return info;
    }

    /**
     * Sends a request after the handshake, signing it when a signer is configured for the alias.
     *
     * @param action an allowlisted action other than the handshake
     * @param subject the querying user
     * @param body the JSON body
     * @param requestId the request id
     * @return the response (any status), or a failure with a {@link RemoteClusterException}
     */
    CompletableFuture<CrossClusterResponse> send(String action, SubjectInfo subject, byte[] body, String requestId) {
        return handshake()
                .thenCompose(info -> sendSigned(action, info.clusterName(), subject, body, requestId))
                .thenApply(response -> {
                    if (response.status() == 401 || response.status() == 403) {
                        rejection(response);
                    } else if (response.isSuccess()) {
                        connected = true;
                    }
                    return response;
                });
    }

    private CompletableFuture<CrossClusterResponse> sendSigned(
            String action, String targetCluster, SubjectInfo subject, byte[] body, String requestId) {
        Optional<RemoteCredentials> key = credentials.get();
        if (key.isEmpty()) {
            return CompletableFuture.failedFuture(record(new RemoteClusterException(
                    alias,
                    401,
                    "security_exception",
                    "missing_credentials",
                    "remote cluster [" + alias + "] has no cross-cluster API key: add [cluster.remote." + alias
                            + ".credentials] to the keystore and reload secure settings",
                    null)));
        }
        String credentialsHeader = key.get().unsafeHeaderValue();
        String subjectInfo = subject.encode();
        Map<String, String> headers = new HashMap<>();
        headers.put(CrossClusterHeaders.CREDENTIALS, credentialsHeader);
        headers.put(CrossClusterHeaders.SUBJECT_INFO, subjectInfo);
        headers.put(CrossClusterHeaders.REQUEST_ID, requestId);
        Optional<RequestSigner> signer = signers.signerFor(alias);
        if (signer.isPresent()) {
            try {
                headers.put(
                        CrossClusterHeaders.SIGNATURE,
                        signer.get()
                                .sign(RequestClaims.of(action, targetCluster, credentialsHeader, subjectInfo, body)));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(record(new RemoteClusterException(
                        alias,
                        500,
                        "security_exception",
                        "signing_failed",
                        "signing the request to remote cluster [" + alias + "] failed: " + e.getMessage(),
                        e)));
            }
        }
        return connection
                .get()
                .send(new OutboundCrossClusterRequest(action, headers, body))
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(transportFailure(failure)));
    }

    private RemoteClusterException transportFailure(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RemoteClusterException known) {
            return known;
        }
        connected = false;
        handshake.set(null);
        returnToSeeds();
        String message = cause instanceof RemoteTransportException ? cause.getMessage() : String.valueOf(cause);
        return record(
                new RemoteClusterException(alias, 503, "connect_transport_exception", "unreachable", message, cause));
    }

    private RemoteClusterException rejection(CrossClusterResponse response) {
        CrossClusterErrors.RemoteError error = CrossClusterErrors.parse(response);
        String keyId = credentials.get().map(RemoteCredentials::apiKeyId).orElse("<none>");
        if (response.status() == 401) {
            connected = false;
        }
        return record(new RemoteClusterException(
                alias,
                response.status(),
                error.type(),
                error.reasonCode(),
                "remote cluster [" + alias + "] rejected the request with API key [" + keyId + "]: " + error.reason()
                        + " (reason code [" + error.reasonCode() + "])",
                null));
    }

    private RemoteClusterException record(RemoteClusterException failure) {
        lastError.set(Optional.of(
                new LastError(clock.instant(), failure.type(), failure.reasonCode(), failure.getMessage())));
        logger.debug("[{}] cross-cluster request failed: {}", alias, failure.getMessage());
        return failure;
    }

    /** Moves a sniff-mode alias to the reported node addresses when they differ from the current ones. */
    private void applySniffedNodes(HandshakeInfo info) {
        RemoteClusterConfig current = config.get();
        if (current.mode() != ConnectionMode.SNIFF || info.nodeAddresses().isEmpty()) {
            return;
        }
        List<InetSocketAddress> sniffed = Addresses.parseAll(
                "cluster.remote." + alias + ".seeds",
                info.nodeAddresses().stream()
                        .distinct()
                        .limit(current.nodeConnections())
                        .toList());
        if (onSniffedNodes.get() && describe(connection.get().addresses()).equals(describe(sniffed))) {
            return;
        }
        RemoteClusterConnection previous =
                connection.getAndSet(connector.open(current, sniffed, RemoteClusterConnection.Routing.ROUND_ROBIN));
        onSniffedNodes.set(true);
        retire.accept(previous);
        logger.debug("[{}] connected to the sniffed remote nodes {}", alias, describe(sniffed));
    }

    /** Moves a sniff-mode alias from the sniffed node addresses back to its seeds. */
    private void returnToSeeds() {
        if (!onSniffedNodes.compareAndSet(true, false)) {
            return;
        }
        RemoteClusterConfig current = config.get();
        RemoteClusterConnection previous = connection.getAndSet(openInitial(current));
        retire.accept(previous);
        logger.info(
                "[{}] lost the sniffed remote nodes {}; connecting through the seeds {} again",
                alias,
                describe(previous.addresses()),
                current.initialAddresses());
    }

    private RemoteClusterConnection openInitial(RemoteClusterConfig config) {
        // The seeds are tried one at a time, so the probe and the signed handshake reach the same node.
        RemoteClusterConnection.Routing routing = config.mode() == ConnectionMode.SNIFF
                ? RemoteClusterConnection.Routing.FAILOVER
                : RemoteClusterConnection.Routing.ROUND_ROBIN;
        return connector.open(config, initialAddresses(config), routing);
    }

    private List<InetSocketAddress> initialAddresses(RemoteClusterConfig config) {
        String key = config.mode() == ConnectionMode.SNIFF ? "seeds" : "proxy_address";
        return Addresses.parseAll(
                "cluster.remote." + alias + "." + key,
                config.initialAddresses().stream().distinct().toList());
    }

    private static List<String> describe(List<InetSocketAddress> addresses) {
        return addresses.stream()
                .map(a -> a.getHostString() + ":" + a.getPort())
                .toList();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof java.util.concurrent.ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
