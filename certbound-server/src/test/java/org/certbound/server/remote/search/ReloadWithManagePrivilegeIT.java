package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.remote.search.TwoClusterNodes.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.remote.search.TwoClusterNodes.Response;
import org.certbound.server.remote.transport.TestStores;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /_nodes/reload_secure_settings} by a user whose only cluster privilege is {@code manage}, on two real
 * node processes. The remote cluster port of the fulfilling node uses a PKCS#12 keystore made by {@code openssl}, and
 * the querying node trusts it through a truststore made by {@code keytool}, so the keystore form of the TLS settings
 * is exercised end to end as well.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReloadWithManagePrivilegeIT {

    private static final String OPERATOR = "operator";
    private static final String OPERATOR_PASSWORD = "operator-password";
    private static final String MONITOR = "watcher";
    private static final String MONITOR_PASSWORD = "watcher-password";
    private static final String STORE_PASSWORD = "tls-store-password";
    private static final String CREDENTIALS = "cluster.remote.rc1.credentials";
    private static final int DOCUMENTS = 3;

    @TempDir
    static Path dir;

    private static NodeProcess remote;
    private static NodeProcess querying;
    private static String firstKeyId;

    @BeforeAll
    static void startClusters() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestTls.Ca ca = TestTls.ca(certs, "reload-ca");
        TestTls.Leaf server = TestTls.server(certs, ca, "remote-node");
        TestStores stores = new TestStores(certs);
        Path serverStore = stores.pkcs12(server, "remote-node", STORE_PASSWORD, "server.p12");
        Path truststore = stores.truststore(ca, "PKCS12", STORE_PASSWORD, "trust.p12");

        remote = NodeProcess.builder(dir.resolve("remote"))
                .setting("cluster.name", "fulfilling")
                .setting("remote_cluster_server.enabled", "true")
                .setting("remote_cluster.port", "0")
                .setting("xpack.security.remote_cluster_server.ssl.keystore.path", serverStore.toString())
                .keystoreString("xpack.security.remote_cluster_server.ssl.keystore.secure_password", STORE_PASSWORD)
                .build()
                .start();
        for (int i = 0; i < DOCUMENTS; i++) {
            Response indexed = call(
                    remote,
                    TwoClusterNodes.adminAuthorization(),
                    "POST",
                    "/logs-1/_doc?refresh=true",
                    "{\"n\":" + i + "}");
            assertThat(indexed.status()).as(indexed.body().toString()).isEqualTo(201);
        }
        JsonNode first = createKey("first");
        firstKeyId = first.path("id").asText();

        querying = NodeProcess.builder(dir.resolve("querying"))
                .setting("cluster.name", "querying")
                .setting(
                        "cluster.remote.rc1.seeds",
                        "127.0.0.1:" + remote.address("remote_cluster").getPort())
                .setting("cluster.remote.rc1.skip_unavailable", "false")
                .setting("xpack.security.remote_cluster_client.ssl.truststore.path", truststore.toString())
                .keystoreString("xpack.security.remote_cluster_client.ssl.truststore.secure_password", STORE_PASSWORD)
                .keystoreString(CREDENTIALS, first.path("encoded").asText())
                .role("manage_only", "  cluster: [manage]\n")
                .role("monitor_only", "  cluster: [monitor]\n")
                .user(OPERATOR, OPERATOR_PASSWORD, "manage_only")
                .user(MONITOR, MONITOR_PASSWORD, "monitor_only")
                .build()
                .start();
    }

    @AfterAll
    static void stopClusters() {
        if (querying != null) {
            querying.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    @Order(1)
    void reload_monitorOnlyUser_isForbidden() throws Exception {
        Response reload = reload(MONITOR, MONITOR_PASSWORD);

        assertThat(reload.status()).as(reload.body().toString()).isEqualTo(403);
        assertThat(reload.body().at("/error/reason").asText()).contains("manage");
    }

    @Test
    @Order(2)
    void reload_invalidCredentials_reportsCredentialsFailure() throws Exception {
        assertSearchSucceeds();
        replaceCredentials("raw-id:raw-secret");

        Response reload = reload(OPERATOR, OPERATOR_PASSWORD);

        assertThat(reload.status()).as(reload.body().toString()).isEqualTo(200);
        JsonNode failure = onlyNode(reload).path("reload_exception");
        assertThat(failure.isMissingNode()).as(reload.body().toString()).isFalse();
        assertThat(failure.path("reason").asText())
                .contains("[remote_cluster_credentials]")
                .contains(CREDENTIALS)
                .doesNotContain("raw-secret");
        assertThat(remoteInfo().path("api_key_id").asText()).isEqualTo(firstKeyId);
        assertSearchSucceeds();
    }

    @Test
    @Order(3)
    void reload_manageOnlyUser_switchesSearchesToNewKey() throws Exception {
        JsonNode second = createKey("second");
        replaceCredentials(second.path("encoded").asText());

        Response reload = reload(OPERATOR, OPERATOR_PASSWORD);
        assertSearchSucceeds();
        Response invalidate = call(
                remote,
                TwoClusterNodes.adminAuthorization(),
                "DELETE",
                "/_security/api_key",
                "{\"ids\":[\"" + firstKeyId + "\"]}");

        assertThat(reload.status()).as(reload.body().toString()).isEqualTo(200);
        assertThat(onlyNode(reload).has("reload_exception"))
                .as(reload.body().toString())
                .isFalse();
        assertThat(onlyNode(reload).path("secure_setting_names").toString()).contains(CREDENTIALS);
        assertThat(invalidate.status()).as(invalidate.body().toString()).isEqualTo(200);
        assertThat(invalidate.body().path("invalidated_api_keys").toString()).contains(firstKeyId);
        for (int i = 0; i < 3; i++) {
            assertSearchSucceeds();
        }
        assertThat(remoteInfo().path("api_key_id").asText())
                .isEqualTo(second.path("id").asText());
    }

    private static void assertSearchSucceeds() throws Exception {
        Response search = call(querying, TwoClusterNodes.adminAuthorization(), "GET", "/rc1:logs-*/_search", null);

        assertThat(search.status()).as(search.body().toString()).isEqualTo(200);
        assertThat(search.body().at("/_clusters/successful").asInt())
                .as(search.body().toString())
                .isEqualTo(1);
        assertThat(search.body().at("/hits/total/value").asInt()).isEqualTo(DOCUMENTS);
    }

    private static void replaceCredentials(String value) throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.load(querying.configDir(), new char[0])) {
            keystore.setString(CREDENTIALS, value.toCharArray());
            keystore.save(querying.configDir(), new char[0]);
        }
    }

    private static Response reload(String user, String password) throws Exception {
        return call(querying, NodeProcess.basicAuth(user, password), "POST", "/_nodes/reload_secure_settings", "{}");
    }

    private static JsonNode onlyNode(Response reload) {
        JsonNode nodes = reload.body().path("nodes");
        assertThat(nodes.size()).as(reload.body().toString()).isEqualTo(1);
        return nodes.elements().next();
    }

    private static JsonNode remoteInfo() throws Exception {
        return call(querying, TwoClusterNodes.adminAuthorization(), "GET", "/_remote/info", null)
                .body()
                .path("rc1");
    }

    private static JsonNode createKey(String name) throws Exception {
        String body = "{\"name\":\"" + name + "\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]}}";
        Response response =
                call(remote, TwoClusterNodes.adminAuthorization(), "POST", "/_security/cross_cluster/api_key", body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }
}
