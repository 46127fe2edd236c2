package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.GetClusterSettingsResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.nodes.ReloadSecureSettingsResponse;
import co.elastic.clients.elasticsearch.security.AuthenticateResponse;
import co.elastic.clients.json.JsonData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Drives a real node process with the official Elasticsearch Java client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeIT {

    @TempDir
    static Path tempDir;

    private NodeProcess node;
    private ElasticsearchClient client;

    @BeforeAll
    void startNode() throws Exception {
        node = NodeProcess.builder(tempDir)
                .setting("cluster.name", "it-cluster")
                .setting("resource.reload.interval.high", "200ms")
                .user("viewer", "viewer-password", "viewer_role")
                .role("viewer_role", "  cluster: [monitor]\n")
                .keystoreString("bootstrap.password", "first-bootstrap")
                .build()
                .start();
        client = node.client();
    }

    @AfterAll
    void stopNode() throws Exception {
        if (client != null) {
            client._transport().close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void info_returnsClusterAndVersion() throws Exception {
        InfoResponse info = client.info();

        assertThat(info.clusterName()).isEqualTo("it-cluster");
        assertThat(info.name()).isEqualTo("node-1");
        assertThat(info.clusterUuid()).isNotBlank();
        assertThat(info.version().number()).isEqualTo("9.3.0");
        assertThat(info.tagline()).isEqualTo("You Know, for Search");
    }

    @Test
    void health_isGreen() throws Exception {
        var health = client.cluster().health();

        assertThat(health.clusterName()).isEqualTo("it-cluster");
        assertThat(health.status()).isEqualTo(HealthStatus.Green);
        assertThat(health.numberOfNodes()).isEqualTo(1);
    }

    @Test
    void putSettings_roundTripsPersistentAndTransient() throws Exception {
        var put = client.cluster()
                .putSettings(r -> r.persistent("logger.level", JsonData.of("warn"))
                        .transient_("logger.level", JsonData.of("debug")));
        GetClusterSettingsResponse get = client.cluster().getSettings(r -> r.flatSettings(true));

        assertThat(put.acknowledged()).isTrue();
        assertThat(get.persistent().get("logger.level").to(String.class)).isEqualTo("warn");
        assertThat(get.transient_().get("logger.level").to(String.class)).isEqualTo("debug");
        // The typed client cannot send null values, so the reset goes through the HTTP API.
        HttpResponse<String> resetResponse = send(adminRequest("/_cluster/settings")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"persistent\":{\"logger.level\":null},\"transient\":{\"logger.*\":null}}"))
                .build());
        assertThat(resetResponse.statusCode()).isEqualTo(200);
        GetClusterSettingsResponse reset = client.cluster().getSettings(r -> r.flatSettings(true));
        assertThat(reset.persistent()).doesNotContainKey("logger.level");
        assertThat(reset.transient_()).doesNotContainKey("logger.level");
    }

    @Test
    void putSettings_unknownKeyRejectsWholeRequest() throws Exception {
        assertThatThrownBy(() -> client.cluster()
                        .putSettings(r -> r.persistent("logger.level", JsonData.of("warn"))
                                .persistent("logger.levle", JsonData.of("warn"))))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().reason()).contains("[logger.levle]").contains("did you mean [logger.level]");
                });

        GetClusterSettingsResponse get = client.cluster().getSettings(r -> r.flatSettings(true));
        assertThat(get.persistent()).doesNotContainKey("logger.level");
    }

    @Test
    void putSettings_staticKeyIsRejected() {
        assertThatThrownBy(() -> client.cluster().putSettings(r -> r.persistent("http.port", JsonData.of("9300"))))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().reason()).contains("[http.port]").contains("not dynamic");
                });
    }

    @Test
    void putSettings_invalidValueIsRejected() {
        assertThatThrownBy(() -> client.cluster().putSettings(r -> r.transient_("logger.level", JsonData.of("loud"))))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error().reason()).contains("[loud]").contains("[logger.level]");
                });
    }

    @Test
    void authenticate_returnsFileUser() throws Exception {
        try (var viewer = new Closeable(node.client("viewer", "viewer-password"))) {
            AuthenticateResponse response = viewer.client.security().authenticate();

            assertThat(response.username()).isEqualTo("viewer");
            assertThat(response.roles()).containsExactly("viewer_role");
            assertThat(response.authenticationRealm().type()).isEqualTo("file");
            assertThat(response.authenticationType()).isEqualTo("realm");
        }
    }

    @Test
    void authenticate_wrongPasswordIs401() {
        try (var wrong = new Closeable(node.client("viewer", "not-the-password"))) {
            assertThatThrownBy(() -> wrong.client.security().authenticate())
                    .isInstanceOfSatisfying(
                            ElasticsearchException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void missingCredentials_get401WithChallenge() throws Exception {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(node.httpUri().resolve("/")).GET().build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
        assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
    }

    @Test
    void clusterPrivilege_missingIs403() {
        try (var viewer = new Closeable(node.client("viewer", "viewer-password"))) {
            assertThatThrownBy(() ->
                            viewer.client.cluster().putSettings(r -> r.transient_("logger.level", JsonData.of("info"))))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().reason()).contains("user [viewer]").contains("[viewer_role]");
                    });
        }
    }

    @Test
    void keystoreValue_addedReloadedAndUsed() throws Exception {
        try (var elastic = new Closeable(node.client("elastic", "first-bootstrap"))) {
            assertThat(elastic.client.security().authenticate().username()).isEqualTo("elastic");
        }
        try (CertboundKeystore keystore = CertboundKeystore.load(node.configDir(), new char[0])) {
            keystore.setString("bootstrap.password", "second-bootstrap".toCharArray());
            keystore.save(node.configDir(), new char[0]);
        }

        ReloadSecureSettingsResponse reload = client.nodes().reloadSecureSettings();

        assertThat(reload.nodes()).hasSize(1);
        var result = reload.nodes().values().iterator().next();
        assertThat(result.reloadException()).isNull();
        assertThat(result.secureSettingNames()).contains("bootstrap.password");
        try (var elastic = new Closeable(node.client("elastic", "second-bootstrap"))) {
            assertThat(elastic.client.security().authenticate().username()).isEqualTo("elastic");
        }
        try (var old = new Closeable(node.client("elastic", "first-bootstrap"))) {
            assertThatThrownBy(() -> old.client.security().authenticate())
                    .isInstanceOfSatisfying(
                            ElasticsearchException.class,
                            e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void malformedJson_namesLineAndColumn() throws Exception {
        HttpResponse<String> response = send(adminRequest("/_cluster/settings")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\n  \"persistent\": {\"a\": }\n}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("x_content_parse_exception").contains("[2:");
    }

    @Test
    void unknownRoute_is400AndWrongMethodIs405() throws Exception {
        HttpResponse<String> unknown = send(adminRequest("/_no_such_api").GET().build());
        HttpResponse<String> wrongMethod =
                send(adminRequest("/_cluster/health").DELETE().build());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no handler found for uri [/_no_such_api] and method [GET]");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow"))
                .hasValueSatisfying(v -> assertThat(v).contains("GET"));
    }

    @Test
    void pretty_indentsTheBody() throws Exception {
        HttpResponse<String> response =
                send(adminRequest("/_cluster/health?pretty").GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\n  \"cluster_name\" : \"it-cluster\"");
    }

    @Test
    void vendorMediaType_isEchoed() throws Exception {
        HttpResponse<String> response = send(adminRequest("/")
                .header("Accept", "application/vnd.elasticsearch+json; compatible-with=8")
                .GET()
                .build());
        HttpResponse<String> unsupported = send(adminRequest("/")
                .header("Accept", "application/vnd.elasticsearch+json; compatible-with=7")
                .GET()
                .build());

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("application/vnd.elasticsearch+json;compatible-with=8");
        assertThat(unsupported.statusCode()).isEqualTo(400);
        assertThat(unsupported.body()).contains("media_type_header_exception");
    }

    private HttpRequest.Builder adminRequest(String path) {
        URI uri = node.httpUri().resolve(path);
        return HttpRequest.newBuilder(uri)
                .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Closes a client's transport, so each extra client releases its connections. */
    private static final class Closeable implements AutoCloseable {
        final ElasticsearchClient client;

        Closeable(ElasticsearchClient client) {
            this.client = client;
        }

        @Override
        public void close() {
            try {
                client._transport().close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
