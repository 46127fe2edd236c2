package org.certbound.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** REST calls to one demo cluster with the JDK's HttpClient, each printed as the equivalent curl command. */
final class DemoRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI base;
    private final String authorization;
    private final DemoOutput output;
    private final String passwordFile;

    DemoRest(HttpClient client, URI base, String username, char[] password, String passwordFile, DemoOutput output) {
        this.client = client;
        this.base = base;
        String credentials = username + ":" + new String(password);
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.passwordFile = passwordFile;
        this.output = output;
    }

    /**
     * Sends a request, prints it as curl and prints the trimmed response.
     *
     * @param body a JSON or NDJSON body, or null for none
     */
    Response call(String method, String path, String body) throws IOException, InterruptedException {
        output.curl(curl(method, path, body));
        Response response = send(method, path, body, "application/json");
        output.response(response.status(), response.body());
        return response;
    }

    /** Sends a request without printing it, for bulk loading and polling. */
    Response send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response =
                client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body());
    }

    /** Returns the curl command for a request; the password is read from its file, never printed. */
    String curl(String method, String path, String body) {
        StringBuilder curl = new StringBuilder("curl -s -u \"elastic:$(cat " + passwordFile + ")\"");
        if (!"GET".equals(method)) {
            curl.append(" -X ").append(method);
        }
        curl.append(" '").append(base.resolve(path)).append('\'');
        if (body != null) {
            curl.append(" -H 'Content-Type: application/json' -d '")
                    .append(body.replace("'", "'\\''"))
                    .append('\'');
        }
        return curl.toString();
    }

    /**
     * A response.
     *
     * @param status the HTTP status
     * @param body the body text
     */
    record Response(int status, String body) {

        /** Parses the body as JSON, or returns a missing node when it is not JSON. */
        JsonNode json() {
            return parse(body);
        }

        /** Parses text as JSON, or returns a missing node when it is not JSON. */
        static JsonNode parse(String text) {
            try {
                JsonNode node = JSON.readTree(text);
                return node == null ? JSON.missingNode() : node;
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }
}
