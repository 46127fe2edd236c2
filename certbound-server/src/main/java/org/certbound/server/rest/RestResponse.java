package org.certbound.server.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A REST response: a status, an optional body and extra headers. The REST layer serializes a JSON body, adds
 * {@code X-Elastic-Product: Elasticsearch} and the content type that matches the request's {@code Accept}.
 */
public final class RestResponse {

    private final int status;
    private final Object body;
    private final String textBody;
    private final Map<String, List<String>> headers;

    private RestResponse(int status, Object body, String textBody, Map<String, List<String>> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be in [100, 599], got [" + status + "]");
        }
        this.status = status;
        this.body = body;
        this.textBody = textBody;
        this.headers = headers;
    }

    /** Creates a JSON response; {@code body} is anything Jackson serializes, usually an {@code ObjectNode} or a map. */
    public static RestResponse json(int status, Object body) {
        return new RestResponse(status, Objects.requireNonNull(body, "body"), null, Map.of());
    }

    /** Creates a 200 JSON response. */
    public static RestResponse ok(Object body) {
        return json(200, body);
    }

    /** Creates a {@code text/plain} response. */
    public static RestResponse text(int status, String body) {
        return new RestResponse(status, null, Objects.requireNonNull(body, "body"), Map.of());
    }

    /** Creates a response without a body, for example for HEAD. */
    public static RestResponse empty(int status) {
        return new RestResponse(status, null, null, Map.of());
    }

    /** Returns a copy with one more value for the header {@code name}. */
    public RestResponse withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
        values.add(Objects.requireNonNull(value, "value"));
        copy.put(Objects.requireNonNull(name, "name"), List.copyOf(values));
        return new RestResponse(status, body, textBody, Map.copyOf(copy));
    }

    /** Returns this response without its body, keeping the status and headers (for HEAD). */
    public RestResponse withoutBody() {
        return new RestResponse(status, null, null, headers);
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the JSON body, or null. */
    public Object body() {
        return body;
    }

    /** Returns the text body, or null. */
    public String textBody() {
        return textBody;
    }

    /** Returns whether there is a body of either kind. */
    public boolean hasBody() {
        return body != null || textBody != null;
    }

    /** Returns the extra headers. */
    public Map<String, List<String>> headers() {
        return headers;
    }
}
