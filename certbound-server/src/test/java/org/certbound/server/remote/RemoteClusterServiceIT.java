package org.certbound.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.certbound.identity.ChainValidator;
import org.certbound.identity.KeyMaterialLoader;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.RequestVerifier;
import org.certbound.identity.SigningIdentity;
import org.certbound.identity.TrustAnchors;
import org.certbound.identity.VerifiedIdentity;
import org.certbound.server.remote.transport.ClientAuthentication;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.transport.RemoteClusterClient;
import org.certbound.server.remote.transport.RemoteClusterServer;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.remote.transport.TlsClientConfig;
import org.certbound.server.remote.transport.TlsContexts;
import org.certbound.server.remote.transport.TlsServerConfig;
import org.certbound.server.remote.transport.VerificationMode;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteClusterServiceIT {

    private static final String REMOTE_CLUSTER_NAME = "fulfilling-cluster";
    private static final String SECRET = "MarkerSecret0123456789";

    @TempDir
    static Path dir;

    private static ExecutorService workers;
    private static ScheduledExecutorService scheduler;
    private static RemoteClusterClient client;
    private static RemoteClusterServer server;
    private static InetSocketAddress serverAddress;
    private static SslContext clientTls;
    private static SigningIdentity signingIdentity;
    private static RequestVerifier verifier;
    private static final List<CrossClusterRequest> received = new CopyOnWriteArrayList<>();
    private static final List<VerifiedIdentity> verified = new CopyOnWriteArrayList<>();
    private static volatile String acceptedCredentials;

    private RemoteClusterService service;
    private volatile Optional<RequestSigner> signer;

    @BeforeAll
    static void startRemote() throws Exception {
        TestTls.Ca ca = TestTls.ca(dir, "ca");
        TestTls.Leaf serverLeaf = TestTls.server(dir, ca, "remote-node");
        TestTls.Leaf signingLeaf = TestTls.server(dir, ca, "querying-node");
        signingIdentity = KeyMaterialLoader.fromPem(
                signingLeaf.certificateFile(), signingLeaf.keyFile(), null, "cluster.remote.rc1.signing");
        TrustAnchors trust = TrustAnchors.fromPemFiles(List.of(ca.certificateFile()), "cluster.remote.signing");
        ChainValidator validator = ChainValidator.create(trust);
        verifier = RequestVerifier.builder(() -> validator).build();

        workers = Executors.newFixedThreadPool(4);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        client = new RemoteClusterClient(1);
        SslContext serverTls = TlsContexts.server(new TlsServerConfig(
                serverLeaf.certificateFile(), serverLeaf.keyFile(), List.of(), ClientAuthentication.NONE));
        server = new RemoteClusterServer(
                "127.0.0.1",
                0,
                () -> serverTls,
                () -> REMOTE_CLUSTER_NAME,
                1 << 20,
                RemoteClusterServiceIT::serve,
                workers);
        serverAddress = server.start();
        clientTls = TlsContexts.client(new TlsClientConfig(
                List.of(ca.certificateFile()), VerificationMode.FULL, Optional.empty(), Optional.empty()));
    }

    @AfterAll
    static void stopRemote() {
        server.close();
        client.close();
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    /** A stand-in for the fulfilling side: checks the key and, when signed, the signature. */
    private static CrossClusterResponse serve(CrossClusterRequest request) throws Exception {
        received.add(request);
        if (!("ApiKey " + acceptedCredentials).equals(request.credentials())) {
            return CrossClusterErrors.error(
                    401, "security_exception", "invalid_credentials", "unable to authenticate API key [key-1]");
        }
        if (request.signature() != null) {
            RequestClaims expected = RequestClaims.of(
                    request.action(),
                    request.targetCluster(),
                    request.credentials(),
                    request.subjectInfo(),
                    request.body());
            verified.add(verifier.verify(request.signature(), expected));
        }
        if (request.action().equals(CrossClusterActions.HANDSHAKE)) {
            return CrossClusterResponse.json(
                    200,
                    new HandshakeInfo(
                                    REMOTE_CLUSTER_NAME,
                                    "uuid-1",
                                    "remote-node",
                                    "9.3.0",
                                    List.of("127.0.0.1:" + serverAddress.getPort()))
                            .toJson()
                            .toString());
        }
        SubjectInfo subject = SubjectInfo.decode(request.subjectInfo());
        return CrossClusterResponse.json(200, "{\"user\":\"" + subject.username() + "\"}");
    }

    private static String encoded(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static RemoteClusterConfig sniff(String alias, InetSocketAddress seed) {
        return new RemoteClusterConfig(
                alias,
                ConnectionMode.SNIFF,
                List.of("127.0.0.1:" + seed.getPort()),
                3,
                Optional.empty(),
                Optional.empty(),
                18,
                true,
                Duration.ZERO);
    }

    @BeforeEach
    void createService() {
        received.clear();
        verified.clear();
        acceptedCredentials = encoded("key-1", SECRET);
        signer = Optional.empty();
        service = new RemoteClusterService(
                client,
                () -> clientTls,
                alias -> signer,
                scheduler,
                Clock.systemUTC(),
                new RemoteClusterService.Limits(2, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @AfterEach
    void closeService() {
        service.close();
    }

    private CrossClusterResponse search(String user) throws Exception {
        SubjectInfo subject = new SubjectInfo(user, "file", "file", List.of(Map.of()));
        return service.send(
                        "rc1",
                        CrossClusterActions.SEARCH,
                        subject,
                        "{\"size\":1}".getBytes(StandardCharsets.UTF_8),
                        "req-1")
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void send_signedAlias_bindsSignatureToHandshakeClusterName() throws Exception {
        signer = Optional.of(RequestSigner.create(signingIdentity, Clock.systemUTC()));
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));

        CrossClusterResponse response = search("alice");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyAsString()).contains("alice");
        // The unauthenticated cluster name probe is answered by the server itself and never dispatched.
        assertThat(received)
                .extracting(CrossClusterRequest::action)
                .containsExactly(CrossClusterActions.HANDSHAKE, CrossClusterActions.SEARCH);
        assertThat(received).allMatch(CrossClusterRequest::isSigned);
        assertThat(received).allMatch(request -> request.targetCluster().equals(REMOTE_CLUSTER_NAME));
        assertThat(verified).hasSize(2);
        assertThat(verified.get(1).canonicalDn()).isEqualTo("CN=querying-node,O=Example");
    }

    @Test
    void info_afterHandshake_reportsConnectionSigningAndNoError() throws Exception {
        signer = Optional.of(RequestSigner.create(signingIdentity, Clock.systemUTC()));
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));
        service.handshake("rc1").get(10, TimeUnit.SECONDS);

        JsonNode info = service.info().path("rc1");

        assertThat(info.path("connected").asBoolean()).isTrue();
        assertThat(info.path("mode").asText()).isEqualTo("sniff");
        assertThat(info.path("cluster_name").asText()).isEqualTo(REMOTE_CLUSTER_NAME);
        assertThat(info.path("cluster_credentials").asText()).isEqualTo("::es_redacted::");
        assertThat(info.path("skip_unavailable").asBoolean()).isTrue();
        assertThat(info.at("/signing/enabled").asBoolean()).isTrue();
        assertThat(info.at("/signing/certificate_dn").asText()).isEqualTo("CN=querying-node,O=Example");
        assertThat(info.at("/signing/certificate_sha256").asText()).isEqualTo(signingIdentity.fingerprint());
        assertThat(info.path("last_error").isNull()).isTrue();
        assertThat(info.toString()).doesNotContain(SECRET).doesNotContain(encoded("key-1", SECRET));
    }

    @Test
    void send_unsignedAlias_sendsNoSignature() throws Exception {
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));

        assertThat(search("bob").status()).isEqualTo(200);
        assertThat(received).allMatch(request -> request.signature() == null);
        assertThat(service.info().at("/rc1/signing/enabled").asBoolean()).isFalse();
    }

    @Test
    void send_withoutCredentials_failsNamingTheKeystoreSetting() {
        service.update(Map.of("rc1", sniff("rc1", serverAddress)), Map.of());

        assertThatThrownBy(() -> search("alice"))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(RemoteClusterException.class)
                .hasMessageContaining("[cluster.remote.rc1.credentials]");
        assertThat(service.info().at("/rc1/last_error/reason_code").asText()).isEqualTo("missing_credentials");
        assertThat(service.info().at("/rc1/connected").asBoolean()).isFalse();
    }

    @Test
    void send_rejectedKey_failsWithRemoteReasonAndKeyId() {
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", "WrongSecret0123456789x"))));

        assertThatThrownBy(() -> search("alice"))
                .cause()
                .isInstanceOf(RemoteClusterException.class)
                .hasMessageContaining("remote cluster [rc1] rejected the request with API key [key-1]")
                .hasMessageContaining("reason code [invalid_credentials]")
                .hasMessageNotContaining("WrongSecret");
        JsonNode info = service.info().path("rc1");
        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText()).isEqualTo("invalid_credentials");
        assertThat(info.at("/last_error/type").asText()).isEqualTo("security_exception");
    }

    @Test
    void update_replacedCredentials_nextRequestUsesNewKey() throws Exception {
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));
        assertThat(search("alice").status()).isEqualTo(200);

        acceptedCredentials = encoded("key-2", SECRET);
        service.update(
                Map.of("rc1", sniff("rc1", serverAddress)),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-2", SECRET))));
        CrossClusterResponse afterReload = search("alice");

        assertThat(afterReload.status()).isEqualTo(200);
        assertThat(received.get(received.size() - 1).credentials()).isEqualTo("ApiKey " + encoded("key-2", SECRET));
        assertThat(service.info().at("/rc1/api_key_id").asText()).isEqualTo("key-2");
    }

    @Test
    void send_unreachableRemote_failsAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        service.update(
                Map.of("rc1", sniff("rc1", new InetSocketAddress("127.0.0.1", closedPort))),
                Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));

        assertThatThrownBy(() -> search("alice"))
                .cause()
                .isInstanceOf(RemoteClusterException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("remote_cluster_server.enabled");
        assertThat(service.info().at("/rc1/last_error/reason_code").asText()).isEqualTo("unreachable");
    }

    @Test
    void send_unknownAlias_failsAsNoSuchRemoteCluster() {
        assertThatThrownBy(() -> search("alice"))
                .cause()
                .isInstanceOf(RemoteClusterException.class)
                .hasMessage("no such remote cluster: [rc1]");
    }

    @Test
    void update_aliasRemoved_disappearsFromInfo() {
        service.update(Map.of("rc1", sniff("rc1", serverAddress)), Map.of());
        service.update(Map.of(), Map.of());

        assertThat(service.aliases()).isEmpty();
        assertThat(service.info().size()).isZero();
    }

    @Test
    void pingSchedule_afterRejectedHandshake_reconnectsOnItsOwn() throws Exception {
        acceptedCredentials = encoded("key-2", SECRET);
        RemoteClusterConfig pinged = new RemoteClusterConfig(
                "rc1",
                ConnectionMode.SNIFF,
                List.of("127.0.0.1:" + serverAddress.getPort()),
                3,
                Optional.empty(),
                Optional.empty(),
                18,
                true,
                Duration.ofMillis(100));
        service.update(Map.of("rc1", pinged), Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));
        service.connectAll();
        waitFor(() -> !service.info().at("/rc1/last_error").isNull());
        assertThat(service.isConnected("rc1")).isFalse();

        acceptedCredentials = encoded("key-1", SECRET);
        waitFor(() -> service.isConnected("rc1"));

        assertThat(service.info().at("/rc1/last_error").isNull()).isTrue();
        assertThat(service.info().at("/rc1/cluster_name").asText()).isEqualTo(REMOTE_CLUSTER_NAME);
    }

    @Test
    void ping_keyRejectedLater_disconnects() throws Exception {
        RemoteClusterConfig pinged = new RemoteClusterConfig(
                "rc1",
                ConnectionMode.SNIFF,
                List.of("127.0.0.1:" + serverAddress.getPort()),
                3,
                Optional.empty(),
                Optional.empty(),
                18,
                true,
                Duration.ofMillis(100));
        service.update(Map.of("rc1", pinged), Map.of("rc1", RemoteCredentials.parse("rc1", encoded("key-1", SECRET))));
        service.connectAll();
        waitFor(() -> service.isConnected("rc1"));

        // Only the ping talks to the remote from here on: no search is sent.
        acceptedCredentials = encoded("key-2", SECRET);
        waitFor(() -> !service.isConnected("rc1"));

        assertThat(service.isConnected("rc1")).isFalse();
        assertThat(service.info().at("/rc1/last_error/reason_code").asText()).isNotEmpty();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }
}
