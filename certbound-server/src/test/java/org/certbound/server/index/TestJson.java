package org.certbound.server.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses JSON text in tests, with single quotes allowed so that bodies read cleanly in Java strings. */
public final class TestJson {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);

    private TestJson() {}

    /** Parses JSON, accepting single-quoted strings. */
    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid test JSON: " + text, e);
        }
    }

    /** Parses JSON and returns it in compact form, for comparisons where key order and number types matter. */
    public static String jsonText(String text) {
        return json(text).toString();
    }
}
