package org.certbound.server.index.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Supplier;
import org.certbound.server.index.IndexException;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the handlers: body parsing and the mapping of engine failures to error responses. */
final class RestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestSupport() {}

    /** Runs a handler body and turns an {@link IndexException} into Elasticsearch's error response. */
    static RestResponse guarded(Supplier<RestResponse> action) {
        try {
            return action.get();
        } catch (IndexException e) {
            return RestResponse.json(e.status(), e.toErrorBody());
        }
    }

    /**
     * Parses an optional JSON body; an empty body is null.
     *
     * @throws IndexException {@code x_content_parse_exception} naming the line and column of malformed JSON
     */
    static @Nullable JsonNode body(RestRequest request) {
        String content = request.content();
        if (content == null || content.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(content);
        } catch (JsonProcessingException e) {
            String location = e.getLocation() == null
                    ? ""
                    : "[" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr() + "] ";
            throw new IndexException(
                    400,
                    "x_content_parse_exception",
                    location + "failed to parse the request body: " + e.getOriginalMessage(),
                    Map.of(),
                    null);
        }
    }

    /**
     * Parses a required JSON body.
     *
     * @throws IndexException {@code parsing_exception} when the body is missing
     */
    static JsonNode requiredBody(RestRequest request) {
        JsonNode body = body(request);
        if (body == null) {
            throw IndexException.parsing("request body is required");
        }
        return body;
    }

    static String requiredPath(RestRequest request, String name) {
        String value = request.pathParameter(name);
        if (value == null) {
            throw new IllegalStateException("route has no placeholder [" + name + "]");
        }
        return value;
    }
}
