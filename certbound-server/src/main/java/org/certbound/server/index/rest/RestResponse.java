package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The response of a handler: a status and either a JSON body, a plain-text body (for {@code _cat} without
 * {@code format=json}) or no body (for {@code HEAD}).
 *
 * @param status the HTTP status
 * @param json the JSON body, or null
 * @param text the plain-text body, or null
 */
public record RestResponse(
        int status, @Nullable JsonNode json, @Nullable String text) {
    /** Returns a JSON response. */
    public static RestResponse json(int status, JsonNode body) {
        return new RestResponse(status, body, null);
    }

    /** Returns a plain-text response. */
    public static RestResponse text(int status, String body) {
        return new RestResponse(status, null, body);
    }

    /** Returns a response without a body. */
    public static RestResponse empty(int status) {
        return new RestResponse(status, null, null);
    }
}
