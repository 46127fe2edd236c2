package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.jspecify.annotations.Nullable;

/** The fulfilling node and the HTTP calls shared by the tests that run a querying and a fulfilling node process. */
final class TwoClusterNodes {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP response with its JSON body, empty when the response had none. */
    record Response(int status, JsonNode body) {}

    private TwoClusterNodes() {}

    /**
     * Returns a builder of a node of the cluster {@code fulfilling}: the remote cluster server on a free port with
     * {@code server}'s TLS certificate, trusting request signatures from certificates that {@code signingCa} issued.
     */
    static NodeProcess.Builder fulfilling(Path dir, TestTls.Leaf server, TestTls.Ca signingCa) {
        return NodeProcess.builder(dir)
                .setting("cluster.name", "fulfilling")
                .setting("remote_cluster_server.enabled", "true")
                .setting("remote_cluster.port", "0")
                .setting(
                        "xpack.security.remote_cluster_server.ssl.certificate",
                        server.certificateFile().toString())
                .setting(
                        "xpack.security.remote_cluster_server.ssl.key",
                        server.keyFile().toString())
                .setting(
                        "cluster.remote.signing.certificate_authorities",
                        signingCa.certificateFile().toString());
    }

    /** Returns the {@code Authorization} header value of the superuser that every {@link NodeProcess} has. */
    static String adminAuthorization() {
        return NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD);
    }

    /** Sends a JSON request to a node's HTTP port with the given {@code Authorization} header value. */
    static Response call(NodeProcess node, String authorization, String method, String path, @Nullable String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpUri() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        return new Response(response.statusCode(), json);
    }

    /** Waits up to 30 seconds until {@code _remote/info} of the querying node reports {@code alias} connected. */
    static void awaitConnected(NodeProcess querying, String alias) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode info = call(querying, adminAuthorization(), "GET", "/_remote/info", null)
                    .body()
                    .path(alias);
            if (info.path("connected").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
    }
}
