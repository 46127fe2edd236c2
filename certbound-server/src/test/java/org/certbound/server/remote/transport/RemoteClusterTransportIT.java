package org.certbound.server.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteClusterTransportIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static TestTls.Ca ca;
    private static TestTls.Ca otherCa;
    private static TestTls.Leaf serverLeaf;
    private static TestTls.Leaf clientLeaf;
    private static ExecutorService workers;
    private static RemoteClusterClient client;
    private static RemoteClusterServer server;
    private static InetSocketAddress serverAddress;
    private static final List<CrossClusterRequest> received = new CopyOnWriteArrayList<>();
    private static volatile CrossClusterRequestDispatcher behaviour;

    @BeforeAll
    static void startServer() throws Exception {
        ca = TestTls.ca(dir, "transport-ca");
        otherCa = TestTls.ca(dir, "other-ca");
        serverLeaf = TestTls.server(dir, ca, "remote-node");
        clientLeaf = TestTls.server(dir, ca, "querying-node");
        workers = Executors.newFixedThreadPool(4);
        client = new RemoteClusterClient(2);
        SslContext serverTls = TlsContexts.server(new TlsServerConfig(
                serverLeaf.certificateFile(), serverLeaf.keyFile(), List.of(), ClientAuthentication.NONE));
        server = new RemoteClusterServer(
                "127.0.0.1",
                0,
                () -> serverTls,
                () -> "remote-cluster",
                1024 * 1024,
                RemoteClusterTransportIT::record,
                workers);
        serverAddress = server.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
        client.close();
        workers.shutdownNow();
    }

    @BeforeEach
    void reset() {
        received.clear();
        behaviour = request -> CrossClusterResponse.json(200, "{\"ok\":true}");
    }

    private static CrossClusterResponse record(CrossClusterRequest request) throws Exception {
        received.add(request);
        return behaviour.dispatch(request);
    }

    private static RemoteClusterConnection connect(TlsClientConfig tls, InetSocketAddress address, int connections) {
        return client.open(
                "rc1",
                TlsContexts.client(tls),
                List.of(address),
                null,
                connections,
                Duration.ofSeconds(5),
                TIMEOUT,
                RemoteClusterConnection.Routing.ROUND_ROBIN);
    }

    private static TlsClientConfig trusting(TestTls.Ca authority) {
        return new TlsClientConfig(
                List.of(authority.certificateFile()), VerificationMode.FULL, Optional.empty(), Optional.empty());
    }

    private static OutboundCrossClusterRequest search(String body) {
        return new OutboundCrossClusterRequest(
                CrossClusterActions.SEARCH,
                Map.of(
                        CrossClusterHeaders.CREDENTIALS, "ApiKey a2V5OnNlY3JldA==",
                        CrossClusterHeaders.SUBJECT_INFO, "e30=",
                        CrossClusterHeaders.SIGNATURE, "eyJhbGciOiJFUzI1NiJ9..c2ln",
                        CrossClusterHeaders.REQUEST_ID, "req-42"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static CrossClusterResponse sendAndWait(
            RemoteClusterConnection connection, OutboundCrossClusterRequest request) throws Exception {
        return connection.send(request).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private static JsonNode json(CrossClusterResponse response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    @Test
    void send_searchRequest_deliversHeadersAndBodyUnchanged() throws Exception {
        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            CrossClusterResponse response = sendAndWait(connection, search("{\"query\":{\"match_all\":{}}}"));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyAsString()).isEqualTo("{\"ok\":true}");
        }
        CrossClusterRequest request = received.get(0);
        assertThat(request.action()).isEqualTo(CrossClusterActions.SEARCH);
        assertThat(request.targetCluster()).isEqualTo("remote-cluster");
        assertThat(request.credentials()).isEqualTo("ApiKey a2V5OnNlY3JldA==");
        assertThat(request.subjectInfo()).isEqualTo("e30=");
        assertThat(request.signature()).isEqualTo("eyJhbGciOiJFUzI1NiJ9..c2ln");
        assertThat(request.requestId()).isEqualTo("req-42");
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"query\":{\"match_all\":{}}}");
        assertThat(request.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void send_sequentialRequests_reuseOneConnection() throws Exception {
        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            for (int i = 0; i < 5; i++) {
                assertThat(sendAndWait(connection, search("{}")).status()).isEqualTo(200);
            }
        }
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        received.forEach(request -> clientPorts.add(request.remoteAddress().getPort()));
        assertThat(received).hasSize(5);
        assertThat(clientPorts).hasSize(1);
    }

    @Test
    void send_concurrentRequests_allSucceedWithinConnectionLimit() throws Exception {
        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 2)) {
            List<CompletableFuture<CrossClusterResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                futures.add(connection.send(search("{\"n\":" + i + "}")));
            }
            for (CompletableFuture<CrossClusterResponse> future : futures) {
                assertThat(future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status())
                        .isEqualTo(200);
            }
        }
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        received.forEach(request -> clientPorts.add(request.remoteAddress().getPort()));
        assertThat(received).hasSize(40);
        assertThat(clientPorts).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void send_actionOffAllowlist_rejectedBeforeDispatch() throws Exception {
        OutboundCrossClusterRequest write =
                new OutboundCrossClusterRequest("indices:data/write/index", Map.of(), new byte[0]);

        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            CrossClusterResponse response = sendAndWait(connection, write);

            assertThat(response.status()).isEqualTo(400);
            assertThat(json(response).at("/error/reason_code").asText()).isEqualTo("action_not_allowed");
            assertThat(json(response).at("/error/reason").asText()).contains("indices:data/write/index");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void send_headerOffAllowlist_rejectedBeforeDispatch() throws Exception {
        OutboundCrossClusterRequest request = new OutboundCrossClusterRequest(
                CrossClusterActions.SEARCH, Map.of("es-security-runas-user", "admin"), new byte[0]);

        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            CrossClusterResponse response = sendAndWait(connection, request);

            assertThat(response.status()).isEqualTo(400);
            assertThat(json(response).at("/error/reason_code").asText()).isEqualTo("header_not_allowed");
            assertThat(json(response).at("/error/reason").asText()).contains("es-security-runas-user");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void send_dispatcherThrows_returnsGenericInternalError() throws Exception {
        behaviour = request -> {
            throw new IllegalStateException("internal detail that must stay on the remote");
        };

        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            CrossClusterResponse response = sendAndWait(connection, search("{}"));

            assertThat(response.status()).isEqualTo(500);
            assertThat(json(response).at("/error/reason_code").asText()).isEqualTo("internal_error");
            assertThat(response.bodyAsString()).doesNotContain("internal detail");
            assertThat(json(response).at("/error/reason").asText()).contains("req-42");
        }
    }

    @Test
    void send_rejectionFromDispatcher_keepsConnectionUsable() throws Exception {
        behaviour = request -> CrossClusterErrors.error(401, "security_exception", "invalid_credentials", "no");

        try (RemoteClusterConnection connection = connect(trusting(ca), serverAddress, 1)) {
            CrossClusterResponse first = sendAndWait(connection, search("{}"));
            behaviour = request -> CrossClusterResponse.json(200, "{}");
            CrossClusterResponse second = sendAndWait(connection, search("{}"));

            assertThat(CrossClusterErrors.parse(first).reasonCode()).isEqualTo("invalid_credentials");
            assertThat(CrossClusterErrors.parse(first).status()).isEqualTo(401);
            assertThat(second.status()).isEqualTo(200);
        }
        assertThat(received.get(0).remoteAddress()).isEqualTo(received.get(1).remoteAddress());
    }

    @Test
    void send_serverCertificateFromUntrustedCa_failsNamingTheTrustSetting() {
        try (RemoteClusterConnection connection = connect(trusting(otherCa), serverAddress, 1)) {
            assertThatThrownBy(() -> sendAndWait(connection, search("{}")))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(RemoteTransportException.class)
                    .hasMessageContaining("TLS handshake with remote cluster [rc1]")
                    .hasMessageContaining("xpack.security.remote_cluster_client.ssl.certificate_authorities");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void send_serverNameNotInCertificate_failsInFullModeOnly() throws Exception {
        TlsClientConfig full = trusting(ca);
        TlsClientConfig certificateOnly = new TlsClientConfig(
                List.of(ca.certificateFile()), VerificationMode.CERTIFICATE, Optional.empty(), Optional.empty());

        try (RemoteClusterConnection strict = client.open(
                        "rc1",
                        TlsContexts.client(full),
                        List.of(serverAddress),
                        "other.example.com",
                        1,
                        Duration.ofSeconds(5),
                        TIMEOUT,
                        RemoteClusterConnection.Routing.ROUND_ROBIN);
                RemoteClusterConnection relaxed = client.open(
                        "rc1",
                        TlsContexts.client(certificateOnly),
                        List.of(serverAddress),
                        "other.example.com",
                        1,
                        Duration.ofSeconds(5),
                        TIMEOUT,
                        RemoteClusterConnection.Routing.ROUND_ROBIN)) {
            assertThatThrownBy(() -> sendAndWait(strict, search("{}")))
                    .cause()
                    .isInstanceOf(RemoteTransportException.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(sendAndWait(relaxed, search("{}")).status()).isEqualTo(200);
        }
    }

    @Test
    void send_nothingListening_failsNamingServerSettings() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        try (RemoteClusterConnection connection = connect(trusting(ca), closed, 1)) {
            assertThatThrownBy(() -> sendAndWait(connection, search("{}")))
                    .cause()
                    .isInstanceOf(RemoteTransportException.class)
                    .hasMessageContaining("was refused")
                    .hasMessageContaining("127.0.0.1:" + closed.getPort())
                    .hasMessageContaining("remote_cluster_server.enabled");
        }
    }

    @Test
    void send_plainHttpEndpoint_failsSayingItIsNotARemoteClusterPort() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread responder = new Thread(() -> answerPlainHttp(plain));
            responder.start();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", plain.getLocalPort());
            try (RemoteClusterConnection connection = connect(trusting(ca), address, 1)) {
                assertThatThrownBy(() -> sendAndWait(connection, search("{}")))
                        .cause()
                        .isInstanceOf(RemoteTransportException.class)
                        .hasMessageContaining("did not respond with TLS")
                        .hasMessageContaining("remote_cluster.port");
            }
            responder.join(TIMEOUT.toMillis());
        }
    }

    /** Answers the first connection the way a plain HTTP port answers bytes it cannot parse. */
    private static void answerPlainHttp(ServerSocket plain) {
        try (java.net.Socket socket = plain.accept()) {
            socket.getInputStream().read(new byte[512]);
            socket.getOutputStream()
                    .write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (java.io.IOException e) {
            // The client may close first; the assertion on the client side decides the test.
        }
    }

    @Test
    void send_clientCertificateRequired_acceptsOnlyClientsThatPresentOne() throws Exception {
        SslContext mutualTls = TlsContexts.server(new TlsServerConfig(
                serverLeaf.certificateFile(),
                serverLeaf.keyFile(),
                List.of(ca.certificateFile()),
                ClientAuthentication.REQUIRED));
        TlsClientConfig withCertificate = new TlsClientConfig(
                List.of(ca.certificateFile()),
                VerificationMode.FULL,
                Optional.of(clientLeaf.certificateFile()),
                Optional.of(clientLeaf.keyFile()));
        try (RemoteClusterServer strict = new RemoteClusterServer(
                "127.0.0.1",
                0,
                () -> mutualTls,
                () -> "remote-cluster",
                1024,
                RemoteClusterTransportIT::record,
                workers)) {
            InetSocketAddress address = strict.start();
            try (RemoteClusterConnection anonymous = connect(trusting(ca), address, 1);
                    RemoteClusterConnection identified = connect(withCertificate, address, 1)) {
                assertThatThrownBy(() -> sendAndWait(anonymous, search("{}")))
                        .cause()
                        .isInstanceOf(RemoteTransportException.class);
                assertThat(sendAndWait(identified, search("{}")).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void serverConfig_clientAuthenticationWithoutCas_isRejected() {
        assertThatThrownBy(() -> new TlsServerConfig(
                        serverLeaf.certificateFile(), serverLeaf.keyFile(), List.of(), ClientAuthentication.REQUIRED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("xpack.security.remote_cluster_server.ssl.certificate_authorities");
    }
}
