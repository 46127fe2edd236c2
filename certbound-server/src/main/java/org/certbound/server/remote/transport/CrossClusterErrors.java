package org.certbound.server.remote.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.certbound.server.remote.wire.CrossClusterResponse;

/**
 * Renders and parses cross-cluster error responses in Elasticsearch's error shape, with certbound's
 * stable reason code in {@code error.reason_code} so the querying side can act on it.
 */
public final class CrossClusterErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CrossClusterErrors() {}

    /**
     * Renders an error response.
     *
     * @param status the HTTP status, for example 401 or 403
     * @param type the Elasticsearch error type, for example {@code security_exception}
     * @param reasonCode the stable snake_case reason code, for example {@code identity_mismatch}
     * @param reason the peer-safe reason; it must not contain a secret
     * @return the response
     */
    public static CrossClusterResponse error(int status, String type, String reasonCode, String reason) {
        ObjectNode cause = MAPPER.createObjectNode();
        cause.put("type", type);
        cause.put("reason", reason);
        cause.put("reason_code", reasonCode);

        ObjectNode error = cause.deepCopy();
        error.putArray("root_cause").add(cause);

        ObjectNode root = MAPPER.createObjectNode();
        root.set("error", error);
        root.put("status", status);
        return CrossClusterResponse.json(status, root.toString());
    }

    /**
     * Extracts the error of a failed response.
     *
     * @param response a response with a non-2xx status
     * @return the parsed error, or a generic one when the body is not in the error shape
     */
    public static RemoteError parse(CrossClusterResponse response) {
        try {
            JsonNode error = MAPPER.readTree(response.body()).path("error");
            if (error.isObject()) {
                return new RemoteError(
                        response.status(),
                        error.path("type").asText("exception"),
                        Optional.ofNullable(error.path("reason_code").textValue())
                                .orElse("remote_error"),
                        error.path("reason").asText("no reason given"));
            }
            if (error.isTextual()) {
                return new RemoteError(response.status(), "exception", "remote_error", error.textValue());
            }
        } catch (IOException e) {
            // Not JSON: fall through to the generic error below.
        }
        return new RemoteError(
                response.status(), "exception", "remote_error", "HTTP status [" + response.status() + "]");
    }

    /**
     * An error returned by a remote cluster.
     *
     * @param status the HTTP status
     * @param type the Elasticsearch error type
     * @param reasonCode the stable reason code, {@code remote_error} when the remote gave none
     * @param reason the remote's peer-safe reason
     */
    public record RemoteError(int status, String type, String reasonCode, String reason) {}
}
