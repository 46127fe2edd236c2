package org.certbound.server.rest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.certbound.server.common.ApiException;
import org.certbound.server.settings.SettingsException;

/** Renders exceptions as Elasticsearch error bodies. */
public final class RestErrors {

    private RestErrors() {}

    /**
     * Builds the error response for {@code error}. An {@link ApiException} keeps its status and type, an
     * {@link IllegalArgumentException} becomes a 400 {@code illegal_argument_exception}; the caller handles
     * anything else.
     *
     * @param errorTrace whether to add {@code stack_trace}, as {@code ?error_trace=true} requests
     */
    public static RestResponse toResponse(RuntimeException error, boolean errorTrace) {
        ApiException api = asApiException(error);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> cause = describe(api, errorTrace, true);
        Map<String, Object> rootCause = describe(api, false, false);
        Map<String, Object> errorObject = new LinkedHashMap<>();
        errorObject.put("root_cause", List.of(rootCause));
        errorObject.putAll(cause);
        body.put("error", errorObject);
        body.put("status", api.status());
        RestResponse response = RestResponse.json(api.status(), body);
        for (Map.Entry<String, List<String>> header : api.headers().entrySet()) {
            for (String value : header.getValue()) {
                response = response.withHeader(header.getKey(), value);
            }
        }
        return response;
    }

    /** Converts {@code error} into an {@link ApiException} with the status and type it renders as. */
    public static ApiException asApiException(RuntimeException error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof IllegalArgumentException) {
            return ApiException.badRequest(error.getMessage())
                    .withCause(
                            error.getCause() == null || error instanceof SettingsException ? null : error.getCause());
        }
        return ApiException.of(500, "exception", "internal server error");
    }

    private static Map<String, Object> describe(Throwable error, boolean errorTrace, boolean withCause) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("type", typeOf(error));
        description.put("reason", error.getMessage());
        if (error instanceof ApiException api) {
            description.putAll(api.metadata());
        }
        if (errorTrace) {
            description.put("stack_trace", stackTrace(error));
        }
        if (withCause && error.getCause() != null && error.getCause() != error) {
            description.put("caused_by", describe(error.getCause(), false, true));
        }
        return description;
    }

    /** Returns the Elasticsearch type name of {@code error}: its own type, or its class name in snake case. */
    static String typeOf(Throwable error) {
        if (error instanceof ApiException api) {
            return api.type();
        }
        String name = error.getClass().getSimpleName();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c) && word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            word.append(Character.toLowerCase(c));
        }
        words.add(word.toString());
        return String.join("_", words);
    }

    private static String stackTrace(Throwable error) {
        StringWriter writer = new StringWriter();
        error.printStackTrace(new PrintWriter(writer));
        return writer.toString();
    }
}
