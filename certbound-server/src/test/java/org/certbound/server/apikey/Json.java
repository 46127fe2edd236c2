package org.certbound.server.apikey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Parses JSON text in tests; single quotes stand for double quotes to keep literals short. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Parses without replacing quotes, for inputs whose backslashes and quotes matter. */
    static JsonNode raw(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }
}
