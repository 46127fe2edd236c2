package org.certbound.server.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.certbound.server.common.ApiException;
import org.certbound.server.security.Authentication;

/**
 * One REST request: method, path, query and path parameters, headers and body. The REST layer builds it, the
 * controller adds the path parameters and the authentication, and a {@link RestHandler} reads it.
 */
public final class RestRequest {

    /** The HTTP methods the REST layer routes. */
    public enum Method {
        GET,
        PUT,
        POST,
        DELETE,
        HEAD
    }

    /** Parses request bodies strictly: duplicate keys and trailing content are errors. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Method method;
    private final String rawPath;
    private final String path;
    private final List<String> pathSegments;
    private final Map<String, String> params;
    private final Map<String, List<String>> headers;
    private final byte[] content;
    private final InetSocketAddress remoteAddress;
    private final String requestId;
    private volatile Authentication authentication;

    private RestRequest(Builder builder) {
        this.method = Objects.requireNonNull(builder.method, "method");
        String uri = Objects.requireNonNull(builder.uri, "uri");
        int query = uri.indexOf('?');
        this.rawPath = query < 0 ? uri : uri.substring(0, query);
        this.pathSegments = decodeSegments(rawPath);
        this.path = "/" + String.join("/", pathSegments);
        this.params = Collections.synchronizedMap(new LinkedHashMap<>());
        if (query >= 0) {
            decodeQuery(uri.substring(query + 1), params);
        }
        Map<String, List<String>> headerCopy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        builder.headers.forEach((name, values) -> headerCopy.put(name, List.copyOf(values)));
        this.headers = Collections.unmodifiableMap(headerCopy);
        this.content = builder.content;
        this.remoteAddress = builder.remoteAddress;
        this.requestId = builder.requestId == null ? UUID.randomUUID().toString() : builder.requestId;
    }

    /**
     * Starts a request for {@code uri}, the path with an optional query string as sent on the request line.
     *
     * @throws IllegalArgumentException at {@link Builder#build()} when the URI has invalid percent-encoding
     */
    public static Builder builder(Method method, String uri) {
        return new Builder(method, uri);
    }

    /** Returns the method. */
    public Method method() {
        return method;
    }

    /** Returns the decoded path without the query string, with no trailing slash. */
    public String path() {
        return path;
    }

    /** Returns the path as sent, without the query string. */
    public String rawPath() {
        return rawPath;
    }

    /** Returns the decoded path segments. */
    public List<String> pathSegments() {
        return pathSegments;
    }

    /** Returns the query and path parameters. */
    public Map<String, String> params() {
        return Collections.unmodifiableMap(params);
    }

    /** Returns the parameter {@code name}, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** Returns the parameter {@code name}, or {@code defaultValue} when absent. */
    public String param(String name, String defaultValue) {
        String value = params.get(name);
        return value == null ? defaultValue : value;
    }

    /**
     * Returns the boolean parameter {@code name}: absent gives {@code defaultValue}, an empty value (as in
     * {@code ?pretty}) gives true.
     *
     * @throws ApiException a 400 when the value is neither {@code true} nor {@code false}
     */
    public boolean paramAsBoolean(String name, boolean defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw ApiException.badRequest("failed to parse value [" + value + "] of parameter [" + name
                + "] as a boolean: expected [true] or [false]");
    }

    /** Returns the first value of the header {@code name}, matched case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns every header, with case-insensitive names. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** Returns a copy of the body bytes, empty when there is no body. */
    public byte[] content() {
        return content.clone();
    }

    /** Returns whether there is a non-empty body. */
    public boolean hasContent() {
        return content.length > 0;
    }

    /**
     * Parses the body as one JSON value.
     *
     * @throws ApiException a 400 {@code parse_exception} when there is no body, or {@code x_content_parse_exception}
     *     naming the line and column of malformed JSON
     */
    public JsonNode contentAsJson() {
        if (!hasContent()) {
            throw ApiException.of(400, "parse_exception", "request body is required");
        }
        try {
            JsonNode node = JSON.readTree(content);
            if (node == null || node.isMissingNode()) {
                throw ApiException.of(400, "parse_exception", "request body is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw ApiException.of(400, "parse_exception", "failed to read the request body")
                    .withCause(e);
        }
    }

    /** Returns the body as JSON when there is one, or empty. */
    public Optional<JsonNode> optionalContentAsJson() {
        return hasContent() ? Optional.of(contentAsJson()) : Optional.empty();
    }

    /** Returns the client's address, or null for a request built without one. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Returns the id of this request, used in logs and audit records. */
    public String requestId() {
        return requestId;
    }

    /**
     * Returns who the request runs as.
     *
     * @throws IllegalStateException when the route is anonymous, so nobody authenticated the request
     */
    public Authentication authentication() {
        Authentication current = authentication;
        if (current == null) {
            throw new IllegalStateException("request [" + requestId + "] to [" + path + "] is not authenticated");
        }
        return current;
    }

    /** Returns the authentication when the request has one. */
    public Optional<Authentication> optionalAuthentication() {
        return Optional.ofNullable(authentication);
    }

    /** Sets the authentication; called by the controller before the handler runs. */
    public void setAuthentication(Authentication authentication) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
    }

    void putPathParam(String name, String value) {
        params.put(name, value);
    }

    private static ApiException malformed(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String position = location == null ? "" : "[" + location.getLineNr() + ":" + location.getColumnNr() + "] ";
        // Jackson names the source as "[Source: REDACTED ...; line: 1, column: 15]"; keep the position only.
        String detail = e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
        ApiException cause = ApiException.of(400, "json_parse_exception", position + detail);
        return ApiException.of(
                        400, "x_content_parse_exception", position + "failed to parse the request body: " + detail)
                .withCause(cause);
    }

    private static List<String> decodeSegments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(percentDecode(segment, false));
            }
        }
        return List.copyOf(segments);
    }

    private static void decodeQuery(String query, Map<String, String> params) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : percentDecode(pair.substring(eq + 1), true);
            params.put(name, value);
        }
    }

    private static String percentDecode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        String escaped = plusIsSpace ? text : text.replace("+", "%2B");
        try {
            return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid percent-encoding in [" + text + "]", e);
        }
    }

    @Override
    public String toString() {
        return "RestRequest[" + requestId + " " + method + " " + path + "]";
    }

    /** Builds a {@link RestRequest}. */
    public static final class Builder {

        private final Method method;
        private final String uri;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private byte[] content = new byte[0];
        private InetSocketAddress remoteAddress;
        private String requestId;

        private Builder(Method method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        /** Adds a header value. */
        public Builder header(String name, String value) {
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(value);
            return this;
        }

        /** Sets the body; the array is copied. */
        public Builder content(byte[] content) {
            this.content = content.clone();
            return this;
        }

        /** Sets a UTF-8 body. */
        public Builder content(String content) {
            this.content = content.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /** Sets the client's address. */
        public Builder remoteAddress(InetSocketAddress remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        /** Sets the request id; a random UUID is used otherwise. */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalArgumentException when the URI has invalid percent-encoding
         */
        public RestRequest build() {
            return new RestRequest(this);
        }
    }
}
