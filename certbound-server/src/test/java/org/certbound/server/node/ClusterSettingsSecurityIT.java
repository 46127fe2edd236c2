package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code PUT /_cluster/settings} on a real node process: a user with only {@code manage} cannot change security
 * settings, in either section or by a reset, but can change the others; a user with {@code manage_security} can.
 */
class ClusterSettingsSecurityIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String OPS = NodeProcess.basicAuth("ops", "ops-password");
    private static final String SECURITY_ADMIN = NodeProcess.basicAuth("secadmin", "secadmin-password");

    @TempDir
    static Path dir;

    private static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.builder(dir)
                .role("ops_role", "  cluster: [manage]\n")
                .role("security_admin_role", "  cluster: [manage, manage_security]\n")
                .user("ops", "ops-password", "ops_role")
                .user("secadmin", "secadmin-password", "security_admin_role")
                .build()
                .start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"persistent\":{\"xpack.security.audit.enabled\":false}}",
                "{\"transient\":{\"xpack\":{\"security\":{\"audit\":{\"enabled\":false}}}}}",
                "{\"persistent\":{\"cluster.remote.signing.certificate_authorities\":[\"/etc/ssl/certs/ca.pem\"]}}",
                "{\"transient\":{\"cluster.remote.signing.max_signature_age\":\"1h\"}}",
                "{\"persistent\":{\"cluster.remote.rc1.signing.certificate\":null}}",
                "{\"persistent\":{\"xpack.security.*\":null}}",
                "{\"transient\":{\"cluster.remote.*\":null}}",
            })
    void put_manageOnlySecuritySetting_forbidden(String body) throws Exception {
        Response response = put(OPS, body);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.reason())
                .contains("user [ops]")
                .contains("the update changes the security settings [")
                .contains("[all,manage_security]");
    }

    @Test
    void put_manageOnlyMixedUpdate_rejectedWhole() throws Exception {
        Response response = put(
                OPS,
                "{\"persistent\":{\"cluster.remote.rc1.seeds\":\"127.0.0.1:9\","
                        + "\"xpack.security.audit.enabled\":false}}");
        Response current = get();

        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.reason()).contains("security settings [xpack.security.audit.enabled]");
        assertThat(response.reason()).doesNotContain("cluster.remote.rc1.seeds");
        assertThat(current.body().at("/persistent/cluster/remote/rc1").isMissingNode())
                .as(current.body().toString())
                .isTrue();
    }

    @Test
    void put_manageOnlyOtherSetting_ok() throws Exception {
        Response set = put(OPS, "{\"persistent\":{\"cluster.remote.rc2.seeds\":\"127.0.0.1:9\"}}");
        Response reset = put(OPS, "{\"persistent\":{\"cluster.remote.rc2.seeds\":null}}");

        assertThat(set.status()).as(set.body().toString()).isEqualTo(200);
        assertThat(set.body().at("/persistent/cluster/remote/rc2/seeds").toString())
                .contains("127.0.0.1:9");
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
    }

    @Test
    void put_manageSecuritySecuritySetting_ok() throws Exception {
        Response disable = put(SECURITY_ADMIN, "{\"persistent\":{\"xpack.security.audit.enabled\":false}}");
        Response reset = put(SECURITY_ADMIN, "{\"persistent\":{\"xpack.security.audit.enabled\":null}}");

        assertThat(disable.status()).as(disable.body().toString()).isEqualTo(200);
        assertThat(disable.body().at("/persistent/xpack/security/audit/enabled").asText())
                .isEqualTo("false");
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
    }

    private static Response put(String authorization, String body) throws Exception {
        return send(authorization, "PUT", HttpRequest.BodyPublishers.ofString(body));
    }

    private static Response get() throws Exception {
        return send(SECURITY_ADMIN, "GET", HttpRequest.BodyPublishers.noBody());
    }

    private static Response send(String authorization, String method, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpUri() + "/_cluster/settings"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), MAPPER.readTree(response.body()));
    }

    private record Response(int status, JsonNode body) {
        String reason() {
            return body.at("/error/reason").asText();
        }
    }
}
