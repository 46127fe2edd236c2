package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.KeyMaterialLoader;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.server.audit.AuditTrail;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.remote.ConnectionMode;
import org.certbound.server.remote.HandshakeInfo;
import org.certbound.server.remote.RemoteClusterConfig;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.remote.RemoteCredentials;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.remote.transport.ClientAuthentication;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.transport.OutboundCrossClusterRequest;
import org.certbound.server.remote.transport.RemoteClusterClient;
import org.certbound.server.remote.transport.RemoteClusterConnection;
import org.certbound.server.remote.transport.RemoteClusterServer;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.remote.transport.TlsClientConfig;
import org.certbound.server.remote.transport.TlsContexts;
import org.certbound.server.remote.transport.TlsServerConfig;
import org.certbound.server.remote.transport.VerificationMode;
import org.certbound.server.remote.verify.AuthenticatedCrossClusterKey;
import org.certbound.server.remote.verify.CrossClusterAccessException;
import org.certbound.server.remote.verify.CrossClusterAuthenticationService;
import org.certbound.server.remote.verify.TrustConfigManager;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.FieldSecurity;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RemoteIndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A querying and a fulfilling cluster in one JVM, built from the real transport, verification, search
 * and engine components, so that searches return documents and wire-level attacks can be crafted.
 */
class CrossClusterSearchFlowIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REMOTE_NAME = "fulfilling";
    private static final String KEY_ID = "key-1";
    private static final String SECRET = "MarkerSecret0123456789";
    private static final String ENCODED =
            Base64.getEncoder().encodeToString((KEY_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;

    private static IndicesService remoteIndices;
    private static IndicesService localIndices;
    private static TrustConfigManager trust;
    private static ExecutorService workers;
    private static ScheduledExecutorService scheduler;
    private static RemoteClusterClient client;
    private static RemoteClusterServer server;
    private static InetSocketAddress serverAddress;
    private static SslContext clientTls;
    private static TestTls.Leaf signerLeaf;
    private static TestTls.Leaf expiredLeaf;
    private static TestTls.Leaf fiveCertificateLeaf;
    private static final Map<String, AuthenticatedCrossClusterKey> keys = new ConcurrentHashMap<>();
    private static final Set<String> invalidated = ConcurrentHashMap.newKeySet();

    private RemoteClusterService remotes;
    private CrossClusterSearchService search;

    @BeforeAll
    static void startClusters() throws Exception {
        TestTls.Ca ca = TestTls.ca(dir, "ca");
        TestTls.Leaf serverLeaf = TestTls.server(dir, ca, "remote-node");
        signerLeaf = TestTls.server(dir, ca, "querying-node");
        Path expiredDir = java.nio.file.Files.createDirectories(dir.resolve("expired"));
        expiredLeaf = TestTls.server(
                expiredDir,
                ca,
                "querying-node",
                Instant.now().minus(Duration.ofDays(3)),
                Instant.now().minus(Duration.ofDays(1)));

        fiveCertificateLeaf = fiveCertificateChain(ca);

        remoteIndices = IndicesService.open(dir.resolve("remote-data"));
        index(remoteIndices, "logs-1", "r1", "t1", 40);
        index(remoteIndices, "logs-1", "r2", "t2", 20);
        index(remoteIndices, "logs-2", "r3", "t1", 10);
        index(remoteIndices, "metrics-1", "m1", "t1", 50);
        localIndices = IndicesService.open(dir.resolve("local-data"));
        index(localIndices, "logs-local", "l1", "t1", 30);
        index(localIndices, "logs-local", "l2", "t2", 5);

        trust = new TrustConfigManager(dir, Clock.systemUTC());
        trust.start(
                Settings.builder()
                        .put(
                                "cluster.remote.signing.certificate_authorities",
                                ca.certificateFile().toString())
                        .build(),
                SecureSettings.EMPTY,
                true);
        CrossClusterAuthenticationService authenticator = new CrossClusterAuthenticationService(
                CrossClusterSearchFlowIT::authenticateKey, trust, AuditTrail.noop());
        workers = Executors.newFixedThreadPool(4);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        client = new RemoteClusterClient(1);
        SslContext serverTls = TlsContexts.server(new TlsServerConfig(
                serverLeaf.certificateFile(), serverLeaf.keyFile(), List.of(), ClientAuthentication.NONE));
        CrossClusterActionDispatcher dispatcher = new CrossClusterActionDispatcher(
                authenticator,
                () -> Optional.of(new IndicesSearchEngine(remoteIndices)),
                () -> new HandshakeInfo(REMOTE_NAME, "uuid", "remote-1", "9.3.0", List.of()));
        server = new RemoteClusterServer(
                "127.0.0.1", 0, () -> serverTls, () -> REMOTE_NAME, 1 << 20, dispatcher, workers);
        serverAddress = server.start();
        clientTls = TlsContexts.client(new TlsClientConfig(
                List.of(ca.certificateFile()), VerificationMode.FULL, Optional.empty(), Optional.empty()));
    }

    @AfterAll
    static void stopClusters() throws Exception {
        server.close();
        client.close();
        workers.shutdownNow();
        scheduler.shutdownNow();
        trust.close();
        remoteIndices.close();
        localIndices.close();
    }

    /** A leaf under three intermediates, written with them and the root: five certificates in {@code x5c}. */
    private static TestTls.Leaf fiveCertificateChain(TestTls.Ca ca) {
        TestPki.Issued root = new TestPki.Issued(
                ca.certificate(), new KeyPair(ca.certificate().getPublicKey(), ca.key()));
        TestPki.Issued first = root.issue("CN=intermediate-1,O=Example", true);
        TestPki.Issued second = first.issue("CN=intermediate-2,O=Example", true);
        TestPki.Issued third = second.issue("CN=intermediate-3,O=Example", true);
        TestPki.Issued leaf = third.issue("CN=querying-node,O=Example", false);
        Path chain = TestPki.writeCertificates(
                dir.resolve("five/chain.pem"),
                leaf.certificate(),
                third.certificate(),
                second.certificate(),
                first.certificate(),
                root.certificate());
        return new TestTls.Leaf(chain, TestPki.writeKey(dir.resolve("five/key.pem"), leaf));
    }

    private static void index(IndicesService indices, String index, String id, String tenant, long timestamp) {
        if (!indices.exists(index)) {
            indices.createIndex(index, null);
        }
        JsonNode source = MAPPER.createObjectNode()
                .put("tenant", tenant)
                .put("message", "document " + id)
                .put("secret", "hidden-" + id)
                .put("timestamp", timestamp);
        indices.index(index, id, source, OpType.INDEX, Refresh.TRUE);
    }

    private static AuthenticatedCrossClusterKey authenticateKey(char[] encoded) throws CrossClusterAccessException {
        String value = new String(encoded);
        AuthenticatedCrossClusterKey key = keys.get(value);
        if (key == null) {
            throw CrossClusterAccessException.unauthenticated("invalid_credentials", "invalid API key", null);
        }
        if (invalidated.contains(key.id())) {
            throw CrossClusterAccessException.unauthenticated(
                    "key_invalidated", "API key [" + key.id() + "] is invalidated", key.id());
        }
        return key;
    }

    private static void registerKey(IndicesPrivileges access, String identity) {
        RoleDescriptor role = new RoleDescriptor("cross_cluster", List.of(), List.of(access), List.of(), Map.of());
        keys.put(
                ENCODED,
                new AuthenticatedCrossClusterKey(
                        KEY_ID,
                        "search-key",
                        List.of(role),
                        identity == null ? null : CertificateIdentityPattern.compile(identity)));
    }

    private static IndicesPrivileges read(List<String> names, JsonNode query, FieldSecurity fields) {
        return new IndicesPrivileges(
                names, List.of("read", "read_cross_cluster", "view_index_metadata"), query, fields, false);
    }

    private static Authentication user(IndicesPrivileges remoteAccess) {
        RoleDescriptor role = new RoleDescriptor(
                "searcher",
                List.of(),
                List.of(IndicesPrivileges.of(List.of("logs-*"), List.of("read"))),
                List.of(new RemoteIndicesPrivileges(List.of("rc*"), remoteAccess)),
                Map.of());
        return Authentication.realm("alice", "file", "file")
                .roles(List.of(role))
                .build();
    }

    private RequestSigner signer(TestTls.Leaf leaf, Clock clock) throws Exception {
        return RequestSigner.create(
                KeyMaterialLoader.fromPem(leaf.certificateFile(), leaf.keyFile(), null, "cluster.remote.rc1.signing"),
                clock);
    }

    private void connect(Optional<RequestSigner> signer, boolean skipUnavailable) {
        remotes = new RemoteClusterService(
                client,
                () -> clientTls,
                alias -> signer,
                scheduler,
                Clock.systemUTC(),
                new RemoteClusterService.Limits(2, Duration.ofSeconds(5), Duration.ofSeconds(10)));
        RemoteClusterConfig config = new RemoteClusterConfig(
                "rc1",
                ConnectionMode.PROXY,
                List.of(),
                3,
                Optional.of("127.0.0.1:" + serverAddress.getPort()),
                Optional.empty(),
                2,
                skipUnavailable,
                Duration.ZERO);
        remotes.update(Map.of("rc1", config), Map.of("rc1", RemoteCredentials.parse("rc1", ENCODED)));
        search = new CrossClusterSearchService(
                remotes, () -> Optional.of(new IndicesSearchEngine(localIndices)), () -> 65_536);
    }

    @BeforeEach
    void resetKeys() {
        keys.clear();
        invalidated.clear();
        registerKey(read(List.of("logs-*"), null, null), "CN=querying-node,O=Example");
    }

    @org.junit.jupiter.api.AfterEach
    void closeRemotes() {
        if (remotes != null) {
            remotes.close();
        }
    }

    private static List<String> hitIndices(JsonNode response) {
        List<String> indices = new ArrayList<>();
        response.at("/hits/hits")
                .forEach(hit -> indices.add(
                        hit.path("_index").asText() + "/" + hit.path("_id").asText()));
        return indices;
    }

    private static JsonNode body(String json) throws Exception {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void search_localAndRemote_mergesBySort() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);

        JsonNode response = search.search(
                user(read(List.of("logs-*"), null, null)),
                "logs-local,rc1:logs-*",
                body("{'sort':[{'timestamp':{'order':'desc'}}]}"),
                "req-1");

        assertThat(hitIndices(response))
                .containsExactly("rc1:logs-1/r1", "logs-local/l1", "rc1:logs-1/r2", "rc1:logs-2/r3", "logs-local/l2");
        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(5);
        assertThat(response.at("/_clusters/successful").asInt()).isEqualTo(2);
        assertThat(response.at("/_clusters/details/rc1/status").asText()).isEqualTo("successful");
        assertThat(response.at("/_clusters/details/(local)/indices").asText()).isEqualTo("logs-local");
    }

    @Test
    void search_windowBeyondInt_badRequest() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);

        assertThatThrownBy(() -> search.search(
                        user(read(List.of("logs-*"), null, null)),
                        "rc1:logs-*",
                        body("{'from':2147483647,'size':10}"),
                        "req-window"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("Result window is too large")
                .hasMessageContaining("[2147483657]");
    }

    @Test
    void search_remoteWildcard_onlyGrantedIndices() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);

        JsonNode response = search.search(user(read(List.of("logs-1"), null, null)), "rc1:*", body("{}"), "req-2");

        assertThat(hitIndices(response)).containsExactlyInAnyOrder("rc1:logs-1/r1", "rc1:logs-1/r2");
    }

    @Test
    void search_dlsAndFls_applyRemotely() throws Exception {
        registerKey(read(List.of("logs-*"), body("{'term':{'tenant':'t1'}}"), null), "CN=querying-node,O=Example");
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);
        FieldSecurity fields = new FieldSecurity(List.of("tenant", "message", "timestamp"), List.of());

        JsonNode response =
                search.search(user(read(List.of("logs-*"), null, fields)), "rc1:logs-*", body("{}"), "req-3");

        assertThat(hitIndices(response)).containsExactlyInAnyOrder("rc1:logs-1/r1", "rc1:logs-2/r3");
        response.at("/hits/hits").forEach(hit -> {
            assertThat(hit.at("/_source/tenant").asText()).isEqualTo("t1");
            assertThat(hit.path("_source").has("secret")).isFalse();
        });
    }

    @Test
    void search_ungrantedLiteral_unauthorizedIndex() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);

        assertThatThrownBy(
                        () -> search.search(user(read(List.of("*"), null, null)), "rc1:metrics-1", body("{}"), "req-4"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("metrics-1")
                .hasMessageContaining("unauthorized_index")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(403));
    }

    @Test
    void search_fiveCertificateChainAndHundredsOfRemotePatterns_accepted() throws Exception {
        connect(Optional.of(signer(fiveCertificateLeaf, Clock.systemUTC())), false);
        List<String> patterns = new ArrayList<>(List.of("logs-*"));
        for (int i = 0; i < 400; i++) {
            patterns.add("logs-team-%03d-*".formatted(i));
        }

        JsonNode response = search.search(user(read(patterns, null, null)), "rc1:logs-*", body("{}"), "req-big");

        assertThat(response.at("/_clusters/details/rc1/status").asText())
                .as(response.toString())
                .isEqualTo("successful");
        assertThat(hitIndices(response)).containsExactlyInAnyOrder("rc1:logs-1/r1", "rc1:logs-1/r2", "rc1:logs-2/r3");
    }

    @Test
    void rawRequest_headersOverTheLimit_rejectedAsTooLarge() throws Exception {
        String subject = "A".repeat(CrossClusterHeaders.MAX_HEADER_BLOCK_BYTES);

        CrossClusterResponse response = sendRaw("eyJhbGciOiJFUzI1NiJ9..c2ln", subject, "{}");

        assertThat(response.status()).isEqualTo(413);
        assertThat(CrossClusterErrors.parse(response).reasonCode()).isEqualTo("request_too_large");
        assertThat(CrossClusterErrors.parse(response).reason())
                .contains(String.valueOf(CrossClusterHeaders.MAX_HEADER_BLOCK_BYTES));
    }

    @Test
    void count_localAndRemote_sums() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);

        JsonNode response = search.count(
                user(read(List.of("logs-*"), null, null)),
                "logs-local,rc1:logs-*",
                body("{'query':{'term':{'tenant':'t1'}}}"),
                "req-5");

        assertThat(response.path("count").asLong()).isEqualTo(3);
    }

    @Test
    void search_keyJustInvalidated_rejected() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), false);
        Authentication user = user(read(List.of("logs-*"), null, null));
        assertThat(search.search(user, "rc1:logs-*", body("{}"), "req-6")
                        .at("/hits/hits")
                        .size())
                .isEqualTo(3);

        invalidated.add(KEY_ID);

        assertThatThrownBy(() -> search.search(user, "rc1:logs-*", body("{}"), "req-7"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("key_invalidated")
                .hasMessageContaining(KEY_ID);
    }

    @Test
    void search_noRemotePrivileges_skipped() throws Exception {
        connect(Optional.of(signer(signerLeaf, Clock.systemUTC())), true);
        Authentication localOnly = Authentication.realm("bob", "file", "file")
                .roles(List.of(new RoleDescriptor(
                        "local",
                        List.of(),
                        List.of(IndicesPrivileges.of(List.of("logs-*"), List.of("read"))),
                        List.of(),
                        Map.of())))
                .build();

        JsonNode response = search.search(localOnly, "logs-local,rc1:logs-*", body("{}"), "req-8");

        assertThat(hitIndices(response)).containsExactlyInAnyOrder("logs-local/l1", "logs-local/l2");
        assertThat(response.at("/_clusters/details/rc1/failures/0/reason/reason_code")
                        .asText())
                .isEqualTo("no_remote_privileges");
    }

    @Test
    void search_expiredCertificate_rejected() throws Exception {
        connect(Optional.of(signer(expiredLeaf, Clock.systemUTC())), true);

        JsonNode response = search.search(user(read(List.of("logs-*"), null, null)), "rc1:logs-*", body("{}"), "req-9");

        assertThat(response.at("/_clusters/details/rc1/status").asText()).isEqualTo("skipped");
        assertThat(response.at("/_clusters/details/rc1/failures/0/reason/reason_code")
                        .asText())
                .isEqualTo("certificate_expired");
    }

    @Test
    void search_staleSignature_rejected() throws Exception {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-30));
        connect(Optional.of(signer(signerLeaf, past)), true);

        JsonNode response =
                search.search(user(read(List.of("logs-*"), null, null)), "rc1:logs-*", body("{}"), "req-10");

        assertThat(response.at("/_clusters/details/rc1/failures/0/reason/reason_code")
                        .asText())
                .isEqualTo("stale_signature");
    }

    /** Sends one crafted request on a raw connection, as an attacker holding captured headers would. */
    private CrossClusterResponse sendRaw(String signature, String subjectInfo, String body) throws Exception {
        return sendRaw(CrossClusterActions.SEARCH, signature, subjectInfo, body);
    }

    private CrossClusterResponse sendRaw(String action, String signature, String subjectInfo, String body)
            throws Exception {
        try (RemoteClusterConnection raw = client.open(
                "attacker",
                clientTls,
                List.of(serverAddress),
                null,
                1,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                RemoteClusterConnection.Routing.ROUND_ROBIN)) {
            return raw.send(new OutboundCrossClusterRequest(
                            action,
                            Map.of(
                                    CrossClusterHeaders.CREDENTIALS, "ApiKey " + ENCODED,
                                    CrossClusterHeaders.SUBJECT_INFO, subjectInfo,
                                    CrossClusterHeaders.SIGNATURE, signature),
                            body.getBytes(StandardCharsets.UTF_8)))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** Signs a request with the default subject info and sends it on a raw connection. */
    private CrossClusterResponse sendSigned(String action, String body) throws Exception {
        String subject = subjectInfo();
        String signature = signer(signerLeaf, Clock.systemUTC())
                .sign(RequestClaims.of(
                        action, REMOTE_NAME, "ApiKey " + ENCODED, subject, body.getBytes(StandardCharsets.UTF_8)));
        return sendRaw(action, signature, subject, body);
    }

    /** Returns the body of {@code action} for one index expression. */
    private static String bodyFor(String action, String expression) {
        String indices = "\"indices\":[\"" + expression + "\"]";
        return action.equals(CrossClusterActions.SEARCH) || action.equals(CrossClusterActions.COUNT)
                ? "{" + indices + ",\"search\":{}}"
                : "{" + indices + "}";
    }

    private static String subjectInfo() {
        RoleDescriptor role = new RoleDescriptor(
                "reader",
                List.of(),
                List.of(IndicesPrivileges.of(List.of("logs-*"), List.of("read"))),
                List.of(),
                Map.of());
        return new SubjectInfo("alice", "file", "file", List.of(Map.of("reader", RoleDescriptors.toJson(role))))
                .encode();
    }

    @Test
    void rawRequest_replayedSignature_rejected() throws Exception {
        String subject = subjectInfo();
        String body = "{\"indices\":[\"logs-*\"],\"search\":{}}";
        String signature = signer(signerLeaf, Clock.systemUTC())
                .sign(RequestClaims.of(
                        CrossClusterActions.SEARCH,
                        REMOTE_NAME,
                        "ApiKey " + ENCODED,
                        subject,
                        body.getBytes(StandardCharsets.UTF_8)));

        CrossClusterResponse first = sendRaw(signature, subject, body);
        CrossClusterResponse replay = sendRaw(signature, subject, body);

        assertThat(first.status()).as(first.bodyAsString()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(CrossClusterErrors.parse(replay).reasonCode()).isEqualTo("replayed_nonce");
    }

    @Test
    void rawRequest_indicesAsString_rejectedNamingTheField() throws Exception {
        String subject = subjectInfo();
        String body = "{\"indices\":\"metrics-1\",\"search\":{}}";
        String signature = signer(signerLeaf, Clock.systemUTC())
                .sign(RequestClaims.of(
                        CrossClusterActions.SEARCH,
                        REMOTE_NAME,
                        "ApiKey " + ENCODED,
                        subject,
                        body.getBytes(StandardCharsets.UTF_8)));

        CrossClusterResponse response = sendRaw(signature, subject, body);

        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(400);
        assertThat(CrossClusterErrors.parse(response).reasonCode()).isEqualTo("malformed_request");
        assertThat(CrossClusterErrors.parse(response).reason())
                .contains("[indices] must be an array of non-empty strings, got a string");
    }

    @Test
    void rawRequest_movedSignature_rejected() throws Exception {
        String subject = subjectInfo();
        String signedBody = "{\"indices\":[\"logs-1\"],\"search\":{}}";
        String otherBody = "{\"indices\":[\"logs-*\"],\"search\":{\"size\":100}}";
        String signature = signer(signerLeaf, Clock.systemUTC())
                .sign(RequestClaims.of(
                        CrossClusterActions.SEARCH,
                        REMOTE_NAME,
                        "ApiKey " + ENCODED,
                        subject,
                        signedBody.getBytes(StandardCharsets.UTF_8)));

        CrossClusterResponse moved = sendRaw(signature, subject, otherBody);

        assertThat(moved.status()).isEqualTo(401);
        assertThat(CrossClusterErrors.parse(moved).reasonCode()).isIn("request_mismatch", "bad_signature");
    }

    @Test
    void rawRequest_otherClusterSignature_rejected() throws Exception {
        String subject = subjectInfo();
        String body = "{\"indices\":[\"logs-*\"],\"search\":{}}";
        String signature = signer(signerLeaf, Clock.systemUTC())
                .sign(RequestClaims.of(
                        CrossClusterActions.SEARCH,
                        "another-cluster",
                        "ApiKey " + ENCODED,
                        subject,
                        body.getBytes(StandardCharsets.UTF_8)));

        CrossClusterResponse response = sendRaw(signature, subject, body);

        assertThat(response.status()).isEqualTo(401);
        assertThat(CrossClusterErrors.parse(response).reasonCode()).isIn("request_mismatch", "bad_signature");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                CrossClusterActions.SEARCH,
                CrossClusterActions.COUNT,
                CrossClusterActions.RESOLVE_CLUSTER,
                CrossClusterActions.RESOLVE_INDEX
            })
    void rawRequest_literalOutsideKey_sameForbidden(String action) throws Exception {
        CrossClusterResponse existing = sendSigned(action, bodyFor(action, "metrics-1"));
        CrossClusterResponse absent = sendSigned(action, bodyFor(action, "nosuch-1"));

        assertThat(existing.status()).as(existing.bodyAsString()).isEqualTo(403);
        assertThat(absent.status()).as(absent.bodyAsString()).isEqualTo(403);
        assertThat(CrossClusterErrors.parse(existing).reasonCode()).isEqualTo("unauthorized_index");
        assertThat(CrossClusterErrors.parse(absent).reasonCode()).isEqualTo("unauthorized_index");
        assertThat(CrossClusterErrors.parse(absent).reason())
                .isEqualTo(CrossClusterErrors.parse(existing).reason().replace("metrics-1", "nosuch-1"))
                .contains("API key [" + KEY_ID + "]");
    }

    @ParameterizedTest
    @ValueSource(strings = {CrossClusterActions.SEARCH, CrossClusterActions.RESOLVE_CLUSTER})
    void rawRequest_literalOutsideSubject_sameForbidden(String action) throws Exception {
        registerKey(read(List.of("*"), null, null), "CN=querying-node,O=Example");

        CrossClusterResponse existing = sendSigned(action, bodyFor(action, "metrics-1"));
        CrossClusterResponse absent = sendSigned(action, bodyFor(action, "nosuch-1"));

        assertThat(existing.status()).as(existing.bodyAsString()).isEqualTo(403);
        assertThat(absent.status()).as(absent.bodyAsString()).isEqualTo(403);
        assertThat(CrossClusterErrors.parse(absent).reason())
                .isEqualTo(CrossClusterErrors.parse(existing).reason().replace("metrics-1", "nosuch-1"))
                .contains("user [alice]");
    }

    @ParameterizedTest
    @ValueSource(strings = {CrossClusterActions.SEARCH, CrossClusterActions.COUNT})
    void rawRequest_authorizedLiteralMissing_indexNotFound(String action) throws Exception {
        CrossClusterResponse response = sendSigned(action, bodyFor(action, "logs-nosuch"));

        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(404);
        assertThat(CrossClusterErrors.parse(response).reasonCode()).isEqualTo("index_not_found");
        assertThat(CrossClusterErrors.parse(response).reason()).contains("[logs-nosuch]");
    }

    @Test
    void rawRequest_resolveAuthorizedLiteralMissing_noMatch() throws Exception {
        CrossClusterResponse cluster = sendSigned(
                CrossClusterActions.RESOLVE_CLUSTER, bodyFor(CrossClusterActions.RESOLVE_CLUSTER, "logs-nosuch"));
        CrossClusterResponse index = sendSigned(
                CrossClusterActions.RESOLVE_INDEX, bodyFor(CrossClusterActions.RESOLVE_INDEX, "logs-nosuch"));

        assertThat(cluster.status()).as(cluster.bodyAsString()).isEqualTo(200);
        assertThat(MAPPER.readTree(cluster.bodyAsString())
                        .path("matching_indices")
                        .asBoolean())
                .isFalse();
        assertThat(index.status()).as(index.bodyAsString()).isEqualTo(200);
        assertThat(MAPPER.readTree(index.bodyAsString()).path("indices")).isEmpty();
    }

    @Test
    void rawRequest_wildcards_matchOnlyAuthorizedIndices() throws Exception {
        CrossClusterResponse outside =
                sendSigned(CrossClusterActions.RESOLVE_INDEX, bodyFor(CrossClusterActions.RESOLVE_INDEX, "metrics-*"));
        CrossClusterResponse all =
                sendSigned(CrossClusterActions.RESOLVE_INDEX, bodyFor(CrossClusterActions.RESOLVE_INDEX, "*"));

        assertThat(outside.status()).as(outside.bodyAsString()).isEqualTo(200);
        assertThat(MAPPER.readTree(outside.bodyAsString()).path("indices")).isEmpty();
        assertThat(all.status()).as(all.bodyAsString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        MAPPER.readTree(all.bodyAsString())
                .path("indices")
                .forEach(index -> names.add(index.path("name").asText()));
        assertThat(names).containsExactly("logs-1", "logs-2");
    }
}
