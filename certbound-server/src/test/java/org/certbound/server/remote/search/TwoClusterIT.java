package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.remote.search.TwoClusterNodes.Response;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node processes on loopback: a fulfilling cluster with the remote cluster server and a
 * querying cluster with one alias per scenario, all pointing at the same remote port. The nodes start
 * once for the class. The tests that reload credentials, rotate the signing certificate or change the
 * remote's trust run last, because other tests read the state they change.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TwoClusterIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SIGNER_DN = "CN=querying-node,O=Example";

    @TempDir
    static Path dir;

    private static NodeProcess remote;
    private static NodeProcess querying;
    private static String matchingKeyId;
    private static String mismatchKeyId;
    private static String plainKeyId;
    private static String plainKeySecret;
    private static String reloadedKeyId;
    private static String restKeyId;
    private static String updatedKeyId;
    private static TestTls.Ca sharedCa;
    private static TestTls.Ca rogue;
    private static TestTls.Leaf signerFiles;

    @BeforeAll
    static void startClusters() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestTls.Ca ca = TestTls.ca(certs, "shared-ca");
        TestTls.Ca rogueCa = TestTls.ca(certs, "rogue-ca");
        sharedCa = ca;
        rogue = rogueCa;
        TestTls.Leaf remoteServer = TestTls.server(certs, ca, "remote-node");
        TestTls.Leaf signer = TestTls.server(certs, ca, "querying-node");
        signerFiles = signer;
        Path rogueDir = Files.createDirectories(certs.resolve("rogue"));
        TestTls.Leaf rogueSigner = TestTls.server(rogueDir, rogueCa, "querying-node");

        remote = TwoClusterNodes.fulfilling(dir.resolve("remote"), remoteServer, ca)
                .setting("node.name", "remote-1")
                .build()
                .start();

        JsonNode matching = createKey("matching", "\"certificate_identity\":\"CN=querying-node,O=Example\"");
        JsonNode mismatch = createKey("mismatch", "\"certificate_identity\":\"CN=other-node,O=Example\"");
        JsonNode plain = createKey("plain", null);
        matchingKeyId = matching.path("id").asText();
        mismatchKeyId = mismatch.path("id").asText();
        plainKeyId = plain.path("id").asText();
        plainKeySecret = plain.path("api_key").asText();
        JsonNode reloaded = createKey("reloaded", null);
        JsonNode updated = createKey("updated", "\"certificate_identity\":\"CN=querying-node,O=Example\"");
        updatedKeyId = updated.path("id").asText();
        Response restKey = call(remote, "POST", "/_security/api_key", "{\"name\":\"rest-key\"}");
        assertThat(restKey.status()).as(restKey.body().toString()).isEqualTo(200);
        restKeyId = restKey.body().path("id").asText();
        reloadedKeyId = reloaded.path("id").asText();

        String seed = "127.0.0.1:" + remote.address("remote_cluster").getPort();
        NodeProcess.Builder builder = NodeProcess.builder(dir.resolve("querying"))
                .setting("cluster.name", "querying")
                .setting("node.name", "querying-1")
                .setting("resource.reload.interval.high", "1s")
                .setting(
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities",
                        ca.certificateFile().toString());
        alias(builder, "signed", seed, matching, signer, true);
        alias(builder, "mismatch", seed, mismatch, signer, false);
        alias(builder, "unsigned", seed, matching, null, true);
        alias(builder, "plain", seed, plain, null, true);
        alias(builder, "rogue", seed, matching, rogueSigner, true);
        alias(builder, "reloaded", seed, reloaded, null, true);
        alias(builder, "trust-shared", seed, matching, signer, true);
        alias(builder, "updated", seed, updated, signer, true);
        alias(builder, "rest-key", seed, restKey.body(), null, true);
        alias(builder, "http-port", "127.0.0.1:" + remote.httpPort(), plain, null, true);
        int remotePort = remote.address("remote_cluster").getPort();
        String multiSeeds = "127.0.0.1:" + unusedPort() + ",localhost:" + remotePort + "," + seed;
        alias(builder, "multi-seed", multiSeeds, plain, null, false);
        builder.keystoreString(
                "cluster.remote.SIGNED.credentials", plain.path("encoded").asText());
        alias(builder, "trust-rogue", seed, matching, rogueSigner, true);
        querying = builder.build().start();
    }

    private static void alias(
            NodeProcess.Builder builder, String alias, String seed, JsonNode key, TestTls.Leaf signer, boolean skip) {
        builder.setting("cluster.remote." + alias + ".seeds", seed)
                .setting("cluster.remote." + alias + ".skip_unavailable", Boolean.toString(skip))
                .keystoreString(
                        "cluster.remote." + alias + ".credentials",
                        key.path("encoded").asText());
        if (signer != null) {
            builder.setting(
                            "cluster.remote." + alias + ".signing.certificate",
                            signer.certificateFile().toString())
                    .setting(
                            "cluster.remote." + alias + ".signing.key",
                            signer.keyFile().toString());
        }
    }

    private static int unusedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (querying != null) {
            querying.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    private static JsonNode createKey(String name, String extra) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]}"
                + (extra == null ? "" : "," + extra) + "}";
        Response response = call(remote, "POST", "/_security/cross_cluster/api_key", body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static Response call(NodeProcess node, String method, String path, String body) throws Exception {
        return TwoClusterNodes.call(node, TwoClusterNodes.adminAuthorization(), method, path, body);
    }

    /** Returns {@code _remote/info} of an alias once its first handshake has finished, successful or not. */
    private static JsonNode remoteInfo(String alias) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode info = MAPPER.createObjectNode();
        while (Instant.now().isBefore(deadline)) {
            info = call(querying, "GET", "/_remote/info", null).body().path(alias);
            if (info.path("connected").asBoolean() || !info.path("last_error").isNull()) {
                return info;
            }
            Thread.sleep(100);
        }
        return info;
    }

    @Test
    void remoteInfo_signedAlias_showsSigning() throws Exception {
        JsonNode info = remoteInfo("signed");

        assertThat(info.path("connected").asBoolean()).as(info.toString()).isTrue();
        assertThat(info.path("cluster_name").asText()).isEqualTo("fulfilling");
        assertThat(info.path("mode").asText()).isEqualTo("sniff");
        assertThat(info.path("cluster_credentials").asText()).isEqualTo("::es_redacted::");
        assertThat(info.at("/signing/enabled").asBoolean()).isTrue();
        assertThat(info.at("/signing/certificate_dn").asText()).isEqualTo(SIGNER_DN);
        assertThat(info.at("/signing/certificate_sha256").asText()).hasSize(64);
    }

    @Test
    void search_deadAndDuplicateSeeds_succeeds() throws Exception {
        Response search = call(querying, "GET", "/multi-seed:logs-*/_search", null);
        JsonNode info = remoteInfo("multi-seed");

        assertThat(search.status()).as(search.body().toString()).isEqualTo(200);
        assertThat(search.body().at("/_clusters/successful").asInt()).isEqualTo(1);
        assertThat(info.path("connected").asBoolean()).as(info.toString()).isTrue();
        assertThat(info.path("cluster_name").asText()).isEqualTo("fulfilling");
        assertThat(info.path("num_nodes_connected").asInt()).isEqualTo(1);
        assertThat(info.path("seeds").size()).isEqualTo(3);
    }

    @Test
    void remoteInfo_plainKey_connected() throws Exception {
        JsonNode info = remoteInfo("plain");

        assertThat(info.path("connected").asBoolean()).as(info.toString()).isTrue();
        assertThat(info.at("/signing/enabled").asBoolean()).isFalse();
    }

    @Test
    void remoteInfo_identityMismatch_namesDnAndKey() throws Exception {
        JsonNode info = remoteInfo("mismatch");

        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText())
                .as(info.toString())
                .isEqualTo("identity_mismatch");
        assertThat(info.at("/last_error/reason").asText()).contains(SIGNER_DN).contains(mismatchKeyId);
    }

    @Test
    void remoteInfo_unsignedIdentityKey_missingSignature() throws Exception {
        JsonNode info = remoteInfo("unsigned");

        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText())
                .as(info.toString())
                .isEqualTo("missing_signature");
        assertThat(info.at("/last_error/reason").asText()).contains(matchingKeyId);
    }

    @Test
    void remoteInfo_untrustedCa_untrustedChain() throws Exception {
        JsonNode info = remoteInfo("rogue");

        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText())
                .as(info.toString())
                .isEqualTo("untrusted_chain");
    }

    @Test
    void search_rejectedNotSkippable_fails() throws Exception {
        Response response = call(querying, "GET", "/mismatch:logs-*/_search", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(401);
        assertThat(response.body().at("/error/type").asText()).isEqualTo("security_exception");
        String reason = response.body().at("/error/reason").asText();
        assertThat(reason).contains("[mismatch]").contains(mismatchKeyId).contains(SIGNER_DN);
    }

    @Test
    void search_rejectedSkippable_marksSkipped() throws Exception {
        Response response = call(querying, "GET", "/unsigned:logs-*,rogue:logs-*/_search", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        JsonNode clusters = response.body().path("_clusters");
        assertThat(clusters.path("total").asInt()).isEqualTo(2);
        assertThat(clusters.path("skipped").asInt()).isEqualTo(2);
        assertThat(clusters.at("/details/unsigned/status").asText()).isEqualTo("skipped");
        assertThat(clusters.at("/details/unsigned/failures/0/reason/reason_code")
                        .asText())
                .isEqualTo("missing_signature");
        assertThat(clusters.at("/details/rogue/failures/0/reason/reason_code").asText())
                .isEqualTo("untrusted_chain");
        assertThat(response.body().at("/hits/hits").size()).isZero();
    }

    @Test
    void search_unknownAlias_notFound() throws Exception {
        Response response = call(querying, "GET", "/nowhere:logs-*/_search", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().at("/error/type").asText()).isEqualTo("no_such_remote_cluster_exception");
    }

    @Test
    void resolveCluster_twoAliases_reportsEach() throws Exception {
        remoteInfo("signed");

        Response response = call(querying, "GET", "/_resolve/cluster/signed:logs-*,mismatch:logs-*", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().at("/signed/connected").asBoolean()).isTrue();
        assertThat(response.body().at("/signed/authorized").asBoolean())
                .as(response.body().toString())
                .isTrue();
        assertThat(response.body().at("/mismatch/authorized").asBoolean()).isFalse();
        assertThat(response.body().at("/mismatch/error").asText()).contains(SIGNER_DN);
    }

    @Test
    void clusterSettings_invalidAlias_rejected() throws Exception {
        Response response = call(
                querying, "PUT", "/_cluster/settings", "{\"persistent\":{\"cluster.remote.broken.mode\":\"proxy\"}}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/reason").asText()).contains("cluster.remote.broken.proxy_address");
        assertThat(call(querying, "GET", "/_remote/info", null).body().has("broken"))
                .isFalse();
    }

    @Test
    void clusterSettings_newAlias_appliesLive() throws Exception {
        String seed = "127.0.0.1:" + remote.address("remote_cluster").getPort();
        Response update = call(
                querying,
                "PUT",
                "/_cluster/settings",
                "{\"persistent\":{\"cluster.remote.added.seeds\":[\"" + seed + "\"]}}");

        assertThat(update.status()).as(update.body().toString()).isEqualTo(200);
        JsonNode info = remoteInfo("added");
        assertThat(info.path("mode").asText()).isEqualTo("sniff");
        assertThat(info.at("/last_error/reason_code").asText())
                .as(info.toString())
                .isEqualTo("missing_credentials");
        assertThat(info.at("/last_error/reason").asText()).contains("cluster.remote.added.credentials");
    }

    @Test
    void logs_bothNodes_omitApiKeySecret() throws Exception {
        remoteInfo("plain");

        assertThat(querying.output()).doesNotContain(plainKeySecret);
        assertThat(remote.output()).doesNotContain(plainKeySecret);
        for (NodeProcess node : List.of(querying, remote)) {
            try (var files = Files.walk(node.logsDir())) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(plainKeySecret);
                }
            }
        }
    }

    private static boolean authorized(String alias) throws Exception {
        Response response = call(querying, "GET", "/_resolve/cluster/" + alias + ":logs-*", null);
        return response.status() == 200
                && response.body().at("/" + alias + "/authorized").asBoolean(false);
    }

    @Test
    void remoteInfo_restKey_namesExpectedType() throws Exception {
        JsonNode info = remoteInfo("rest-key");

        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText())
                .as(info.toString())
                .isEqualTo("not_a_cross_cluster_key");
        assertThat(info.at("/last_error/reason").asText()).contains(restKeyId).contains("cross_cluster");
    }

    @Test
    void remoteInfo_httpPortSeed_notRemotePort() throws Exception {
        JsonNode info = remoteInfo("http-port");

        assertThat(info.path("connected").asBoolean()).isFalse();
        assertThat(info.at("/last_error/reason_code").asText()).isEqualTo("unreachable");
        assertThat(info.at("/last_error/reason").asText())
                .as(info.toString())
                .contains("not a remote cluster server port")
                .contains("remote_cluster_server.enabled");
    }

    @Test
    void startup_aliasCaseMismatch_warns() {
        assertThat(querying.output())
                .contains("[cluster.remote.SIGNED.credentials] but no remote cluster [SIGNED] is configured")
                .contains("aliases are case-sensitive");
    }

    @Test
    void apiKey_identityUpdated_nextRequestUsesNewPattern() throws Exception {
        assertThat(authorized("updated")).isTrue();

        Response update = call(
                remote,
                "PUT",
                "/_security/cross_cluster/api_key/" + updatedKeyId,
                "{\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                        + "\"certificate_identity\":\"CN=other-node,O=Example\"}");
        Response resolved = call(querying, "GET", "/_resolve/cluster/updated:logs-*", null);

        assertThat(update.status()).as(update.body().toString()).isEqualTo(200);
        assertThat(resolved.body().at("/updated/authorized").asBoolean())
                .as(resolved.body().toString())
                .isFalse();
        assertThat(resolved.body().at("/updated/error").asText())
                .contains("identity_mismatch")
                .contains(SIGNER_DN);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 2)
    void credentials_reloaded_useNewKey() throws Exception {
        assertThat(authorized("reloaded")).isTrue();
        JsonNode replacement = createKey("replacement", null);
        try (CertboundKeystore keystore = CertboundKeystore.load(querying.configDir(), new char[0])) {
            keystore.setString(
                    "cluster.remote.reloaded.credentials",
                    replacement.path("encoded").asText().toCharArray());
            keystore.save(querying.configDir(), new char[0]);
        }

        Response reload = call(querying, "POST", "/_nodes/reload_secure_settings", "{}");
        Response invalidate = call(remote, "DELETE", "/_security/api_key", "{\"ids\":[\"" + reloadedKeyId + "\"]}");

        assertThat(reload.status()).as(reload.body().toString()).isEqualTo(200);
        assertThat(invalidate.status()).as(invalidate.body().toString()).isEqualTo(200);
        assertThat(authorized("reloaded")).isTrue();
        assertThat(remoteInfo("reloaded").path("api_key_id").asText())
                .isEqualTo(replacement.path("id").asText());
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void trust_caListUpdated_appliesLive() throws Exception {
        assertThat(authorized("trust-shared")).isTrue();
        try {
            Response update = call(
                    remote,
                    "PUT",
                    "/_cluster/settings",
                    "{\"persistent\":{" + "\"cluster.remote.signing.certificate_authorities\":[\""
                            + rogue.certificateFile() + "\"]}}");
            assertThat(update.status()).as(update.body().toString()).isEqualTo(200);

            Response resolved = call(querying, "GET", "/_resolve/cluster/signed:logs-*,rogue:logs-*", null);
            assertThat(resolved.body().at("/signed/authorized").asBoolean())
                    .as(resolved.body().toString())
                    .isFalse();
            assertThat(resolved.body().at("/signed/error").asText()).contains("untrusted_chain");
            assertThat(resolved.body().at("/rogue/authorized").asBoolean())
                    .as(resolved.body().toString())
                    .isTrue();
        } finally {
            call(
                    remote,
                    "PUT",
                    "/_cluster/settings",
                    "{\"persistent\":{" + "\"cluster.remote.signing.certificate_authorities\":[\""
                            + sharedCa.certificateFile() + "\"]}}");
        }
        assertThat(authorized("trust-shared")).isTrue();
        assertThat(authorized("trust-rogue")).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
    void signing_rotatedUnderLoad_losesNothing() throws Exception {
        String before = remoteInfo("signed").at("/signing/certificate_sha256").asText();
        Path staging = Files.createDirectories(dir.resolve("rotation-" + System.nanoTime()));
        TestTls.Leaf next = TestTls.server(staging, sharedCa, "querying-node");
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (running.get()) {
                try {
                    requests.incrementAndGet();
                    if (!authorized("signed")) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            }
        });
        load.start();
        try {
            // The key lands first and the certificate a moment later, as a naive copy does.
            Files.copy(next.keyFile(), signerFiles.keyFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Thread.sleep(1500);
            Files.copy(
                    next.certificateFile(),
                    signerFiles.certificateFile(),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && remoteInfo("signed")
                            .at("/signing/certificate_sha256")
                            .asText()
                            .equals(before)) {
                Thread.sleep(200);
            }
            int afterRotation = requests.get();
            while (requests.get() < afterRotation + 20) {
                Thread.sleep(50);
            }
        } finally {
            running.set(false);
            load.join();
        }

        assertThat(remoteInfo("signed").at("/signing/certificate_sha256").asText())
                .isNotEqualTo(before);
        assertThat(requests.get()).isGreaterThan(20);
        assertThat(failures.get()).isZero();
    }
}
