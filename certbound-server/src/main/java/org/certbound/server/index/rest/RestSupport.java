package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexExpressions;
import org.certbound.server.index.IndexShard;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.security.IndexAction;
import org.certbound.server.index.security.IndexAuthorization;
import org.certbound.server.rest.RestHandler;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.jspecify.annotations.Nullable;

/** Helpers shared by the handlers: bodies, engine failures as error responses, and authorized index resolution. */
final class RestSupport {
    private RestSupport() {}

    /** Wraps a handler so that an {@link IndexException} becomes Elasticsearch's error response with its status. */
    static RestHandler guarded(RestHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (IndexException e) {
                return RestResponse.json(e.status(), e.toErrorBody());
            }
        };
    }

    /** Parses an optional JSON body; no body is null. Malformed JSON is a 400 naming the line and column. */
    static @Nullable JsonNode body(RestRequest request) {
        return request.optionalContentAsJson().orElse(null);
    }

    /** Returns the body as UTF-8 text, empty when there is none. */
    static String text(RestRequest request) {
        return new String(request.content(), StandardCharsets.UTF_8);
    }

    /** Returns the caller's index permissions. */
    static IndexAuthorization authorization(RestRequest request) {
        return IndexAuthorization.of(request.authentication());
    }

    /** Returns the {@code ignore_unavailable} and {@code allow_no_indices} parameters with the given defaults. */
    static IndexExpressions.Options options(RestRequest request, boolean allowNoIndices) {
        return new IndexExpressions.Options(
                request.paramAsBoolean("ignore_unavailable", false),
                request.paramAsBoolean("allow_no_indices", allowNoIndices));
    }

    /**
     * Checks the action on every index an expression names literally (not through a wildcard or {@code _all}), so
     * that naming an index the caller may not use is a 403 whether or not it exists.
     */
    static void checkNamed(IndexAuthorization authorization, IndexAction action, @Nullable String expression) {
        authorization.check(action, namedIndices(expression));
    }

    /**
     * Resolves an expression over the indices the caller may perform an action on; the others are treated as
     * missing, so wildcards never reveal them.
     */
    static List<String> resolve(
            IndicesService indices,
            IndexAuthorization authorization,
            IndexAction action,
            @Nullable String expression,
            IndexExpressions.Options options) {
        checkNamed(authorization, action, expression);
        return indices.resolve(expression, options, index -> authorization.isAllowed(action, index)).stream()
                .map(IndexShard::name)
                .toList();
    }

    static List<String> namedIndices(@Nullable String expression) {
        List<String> names = new ArrayList<>();
        if (expression == null) {
            return names;
        }
        for (String part : expression.split(",")) {
            String name = part.trim();
            if (!name.isEmpty() && !name.contains("*") && !name.startsWith("-") && !name.equals("_all")) {
                names.add(name);
            }
        }
        return names;
    }
}
