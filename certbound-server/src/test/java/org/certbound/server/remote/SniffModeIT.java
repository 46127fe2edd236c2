package org.certbound.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.certbound.server.remote.transport.ClientAuthentication;
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

/**
 * Sniff mode against several remote cluster servers on loopback. Each server plays one node and answers the
 * handshake with a node list that the test chooses, so a remote of several nodes can be checked although a certbound
 * cluster is a single node.
 */
class SniffModeIT {

    private static final String CLUSTER_NAME = "sniffed-cluster";

    @TempDir
    static Path dir;

    private static SslContext serverTls;
    private static SslContext clientTls;
    private static ExecutorService workers;
    private static ScheduledExecutorService scheduler;
    private static RemoteClusterClient client;

    private final List<FakeNode> nodes = new ArrayList<>();
    private RemoteClusterService service;

    @BeforeAll
    static void makeTls() throws Exception {
        TestTls.Ca ca = TestTls.ca(dir, "sniff-ca");
        TestTls.Leaf leaf = TestTls.server(dir, ca, "sniff-node");
        serverTls = TlsContexts.server(
                new TlsServerConfig(leaf.certificateFile(), leaf.keyFile(), List.of(), ClientAuthentication.NONE));
        clientTls = TlsContexts.client(new TlsClientConfig(
                List.of(ca.certificateFile()), VerificationMode.FULL, Optional.empty(), Optional.empty()));
        workers = Executors.newFixedThreadPool(4);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        client = new RemoteClusterClient(1);
    }

    @AfterAll
    static void stopAll() {
        client.close();
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    @BeforeEach
    void createService() {
        service = new RemoteClusterService(
                client,
                () -> clientTls,
                alias -> Optional.empty(),
                scheduler,
                Clock.systemUTC(),
                new RemoteClusterService.Limits(2, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    @AfterEach
    void stopNodes() {
        service.close();
        nodes.forEach(FakeNode::close);
    }

    /** A remote cluster server that records the requests it serves and reports {@link #advertised} nodes. */
    private static final class FakeNode implements AutoCloseable {
        final List<CrossClusterRequest> received = new CopyOnWriteArrayList<>();
        final RemoteClusterServer server;
        final InetSocketAddress address;
        volatile List<String> advertised = List.of();

        FakeNode() throws Exception {
            server = new RemoteClusterServer(
                    "127.0.0.1", 0, () -> serverTls, () -> CLUSTER_NAME, 1 << 16, this::serve, workers);
            address = server.start();
        }

        String hostPort() {
            return "127.0.0.1:" + address.getPort();
        }

        long searches() {
            return received.stream()
                    .filter(request -> request.action().equals(CrossClusterActions.SEARCH))
                    .count();
        }

        private CrossClusterResponse serve(CrossClusterRequest request) {
            received.add(request);
            if (request.action().equals(CrossClusterActions.HANDSHAKE)) {
                HandshakeInfo info = new HandshakeInfo(CLUSTER_NAME, "uuid-1", hostPort(), "9.3.0", advertised);
                return CrossClusterResponse.json(200, info.toJson().toString());
            }
            return CrossClusterResponse.json(200, "{}");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private FakeNode node() throws Exception {
        FakeNode node = new FakeNode();
        nodes.add(node);
        return node;
    }

    private void configure(int nodeConnections, String... seeds) {
        RemoteClusterConfig config = new RemoteClusterConfig(
                "rc1",
                ConnectionMode.SNIFF,
                List.of(seeds),
                nodeConnections,
                Optional.empty(),
                Optional.empty(),
                18,
                false,
                Duration.ZERO);
        String encoded = Base64.getEncoder().encodeToString("key-1:secret-1".getBytes(StandardCharsets.UTF_8));
        service.update(Map.of("rc1", config), Map.of("rc1", RemoteCredentials.parse("rc1", encoded)));
    }

    private CrossClusterResponse search() throws Exception {
        SubjectInfo subject = new SubjectInfo("alice", "file", "file", List.of(Map.of()));
        return service.send("rc1", CrossClusterActions.SEARCH, subject, "{}".getBytes(StandardCharsets.UTF_8), "req")
                .get(30, TimeUnit.SECONDS);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void sniff_threeNodesListed_usesTwo() throws Exception {
        FakeNode first = node();
        FakeNode second = node();
        FakeNode third = node();
        List<String> all = List.of(first.hostPort(), second.hostPort(), third.hostPort());
        nodes.forEach(node -> node.advertised = all);
        configure(2, first.hostPort());

        for (int i = 0; i < 6; i++) {
            assertThat(search().status()).isEqualTo(200);
        }

        assertThat(first.searches()).isEqualTo(3);
        assertThat(second.searches()).isEqualTo(3);
        assertThat(third.received).isEmpty();
        assertThat(service.info().at("/rc1/num_nodes_connected").asInt()).isEqualTo(2);
        assertThat(service.info().at("/rc1/max_connections_per_cluster").asInt())
                .isEqualTo(2);
    }

    @Test
    void sniff_fewerNodesThanLimit_usesAll() throws Exception {
        FakeNode first = node();
        FakeNode second = node();
        List<String> all = List.of(first.hostPort(), second.hostPort());
        nodes.forEach(node -> node.advertised = all);
        configure(3, second.hostPort());

        for (int i = 0; i < 4; i++) {
            assertThat(search().status()).isEqualTo(200);
        }

        assertThat(first.searches()).isEqualTo(2);
        assertThat(second.searches()).isEqualTo(2);
        assertThat(service.info().at("/rc1/num_nodes_connected").asInt()).isEqualTo(2);
    }

    @Test
    void sniff_severalLiveSeeds_handshakesWithFirstOnly() throws Exception {
        FakeNode first = node();
        FakeNode second = node();
        first.advertised = List.of(first.hostPort());
        second.advertised = List.of(second.hostPort());
        configure(3, first.hostPort(), second.hostPort());

        for (int i = 0; i < 3; i++) {
            assertThat(search().status()).isEqualTo(200);
        }

        assertThat(first.searches()).isEqualTo(3);
        assertThat(second.received).isEmpty();
        assertThat(service.info().at("/rc1/num_nodes_connected").asInt()).isEqualTo(1);
    }

    @Test
    void sniff_unreachableFirstSeed_usesNextSeed() throws Exception {
        FakeNode live = node();
        live.advertised = List.of(live.hostPort());
        configure(3, "127.0.0.1:" + closedPort(), live.hostPort());

        CrossClusterResponse response = search();

        assertThat(response.status()).isEqualTo(200);
        assertThat(live.searches()).isEqualTo(1);
        assertThat(service.isConnected("rc1")).isTrue();
    }

    @Test
    void sniff_duplicateSeeds_useOneNode() throws Exception {
        FakeNode only = node();
        only.advertised = List.of(only.hostPort());
        int port = only.address.getPort();
        configure(3, "localhost:" + port, "127.0.0.1:" + port, "127.0.0.1:" + port);

        for (int i = 0; i < 2; i++) {
            assertThat(search().status()).isEqualTo(200);
        }

        assertThat(only.searches()).isEqualTo(2);
        assertThat(service.info().at("/rc1/num_nodes_connected").asInt()).isEqualTo(1);
        assertThat(service.info().at("/rc1/seeds").size()).isEqualTo(3);
    }

    @Test
    void sniff_sniffedNodeGone_reconnectsThroughSeeds() throws Exception {
        FakeNode seed = node();
        FakeNode before = node();
        FakeNode after = node();
        seed.advertised = List.of(before.hostPort());
        configure(3, seed.hostPort());
        assertThat(search().status()).isEqualTo(200);
        assertThat(before.searches()).isEqualTo(1);

        before.close();
        seed.advertised = List.of(after.hostPort());
        assertThatThrownBy(this::search).cause().isInstanceOf(RemoteClusterException.class);
        CrossClusterResponse response = search();

        assertThat(response.status()).isEqualTo(200);
        assertThat(after.searches()).isEqualTo(1);
        assertThat(seed.searches()).isZero();
        assertThat(service.isConnected("rc1")).isTrue();
    }
}
