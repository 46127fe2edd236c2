package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.certbound.server.testing.NodeProcess;

/** Sends JSON requests to the REST API of a {@link NodeProcess} and parses the responses, for the two-cluster tests. */
final class JsonRestCalls {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response status with its parsed body; an empty body parses as an empty object. */
    record Response(int status, JsonNode body) {}

    private JsonRestCalls() {}

    /**
     * Sends a request and waits for its response.
     *
     * @param authorization the {@code Authorization} header value
     * @param body the JSON body, or null for none
     */
    static Response call(NodeProcess node, String authorization, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUri() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        return new Response(response.statusCode(), json);
    }

    /** Returns the {@code Authorization} header value of {@link NodeProcess#ADMIN_USER}. */
    static String admin() {
        return NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD);
    }
}
