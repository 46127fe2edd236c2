package org.certbound.server.remote.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A cross-cluster response: an HTTP status and a JSON body. Errors use Elasticsearch's error shape
 * {@code {"error":{...},"status":N}}, with the rejection's reason code in {@code error.reason_code}.
 *
 * @param status the HTTP status
 * @param body the UTF-8 JSON body
 */
public record CrossClusterResponse(int status, byte[] body) {

    /** Checks the status range and copies the body. */
    public CrossClusterResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status [" + status + "] must be between 100 and 599");
        }
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * Creates a response from a JSON string.
     *
     * @param status the HTTP status
     * @param json the JSON body
     * @return the response
     */
    public static CrossClusterResponse json(int status, String json) {
        return new CrossClusterResponse(status, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns a copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body decoded as UTF-8. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrossClusterResponse that && status == that.status && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "CrossClusterResponse[status=" + status + ", bodyLength=" + body.length + "]";
    }
}
