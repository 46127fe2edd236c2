package org.certbound.server.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An error that the REST layer renders in Elasticsearch's shape:
 * {@code {"error":{"root_cause":[..],"type":..,"reason":..,..metadata,"caused_by":{..}},"status":N}}.
 *
 * <p>Instances are immutable: {@link #withMetadata}, {@link #withHeader} and {@link #withCause} return copies.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final transient Map<String, Object> metadata;
    private final transient Map<String, List<String>> headers;

    private ApiException(
            int status,
            String type,
            String reason,
            Map<String, Object> metadata,
            Map<String, List<String>> headers,
            Throwable cause) {
        super(reason, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error status must be in [400, 599], got [" + status + "]");
        }
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.metadata = Map.copyOf(metadata);
        this.headers = Map.copyOf(headers);
    }

    /** Creates an error with the given HTTP status, Elasticsearch error type and reason. */
    public static ApiException of(int status, String type, String reason) {
        return new ApiException(status, type, reason, Map.of(), Map.of(), null);
    }

    /** Creates a 400 {@code illegal_argument_exception}. */
    public static ApiException badRequest(String reason) {
        return of(400, "illegal_argument_exception", reason);
    }

    /** Creates a 404 with the given type, for example {@code index_not_found_exception}. */
    public static ApiException notFound(String type, String reason) {
        return of(404, type, reason);
    }

    /**
     * Creates a 401 {@code security_exception} that requests basic or API key credentials through
     * {@code WWW-Authenticate}.
     */
    public static ApiException unauthorized(String reason) {
        return of(401, "security_exception", reason)
                .withHeader("WWW-Authenticate", "Basic realm=\"security\", charset=\"UTF-8\"")
                .withHeader("WWW-Authenticate", "ApiKey");
    }

    /** Creates a 403 {@code security_exception}. */
    public static ApiException forbidden(String reason) {
        return of(403, "security_exception", reason);
    }

    /** Returns a copy with one more metadata key, rendered next to {@code type} and {@code reason}. */
    public ApiException withMetadata(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(metadata);
        copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new ApiException(status, type, getMessage(), copy, headers, getCause());
    }

    /** Returns a copy with one more value for the response header {@code name}. */
    public ApiException withHeader(String name, String value) {
        Map<String, List<String>> copy = new LinkedHashMap<>(headers);
        copy.merge(
                Objects.requireNonNull(name, "name"),
                List.of(Objects.requireNonNull(value, "value")),
                (a, b) -> concat(a, b));
        return new ApiException(status, type, getMessage(), metadata, copy, getCause());
    }

    /** Returns a copy whose {@code caused_by} is {@code cause}. */
    public ApiException withCause(Throwable cause) {
        ApiException copy = new ApiException(status, type, getMessage(), metadata, headers, cause);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /** Returns the HTTP status, between 400 and 599. */
    public int status() {
        return status;
    }

    /** Returns the Elasticsearch error type, for example {@code security_exception}. */
    public String type() {
        return type;
    }

    /** Returns the reason, the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }

    /** Returns the extra keys of the error object, for example {@code index}. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** Returns the response headers this error adds, for example {@code WWW-Authenticate}. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
