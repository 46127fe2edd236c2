package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * A single-field query clause such as {@code {"name": "k1"}} or {@code {"name": {"value": "k1"}}}, with the field
 * resolved and the long form's keys checked.
 */
record FieldClause(String type, String field, JsonNode body) {
    static FieldClause of(String type, JsonNode value, Set<String> allowed) {
        if (!value.isObject() || value.size() != 1) {
            throw new ApiKeyParseException(
                    "[" + type + "] must name exactly one field, such as {\"" + type + "\": {\"name\": ...}}");
        }
        Map.Entry<String, JsonNode> entry = value.fields().next();
        String field = ApiKeyQueryFields.resolve(entry.getKey());
        JsonNode body = entry.getValue();
        if (body.isObject()) {
            JsonFields.object(body, type + "." + entry.getKey(), allowed);
        }
        return new FieldClause(type, field, body);
    }

    boolean has(String key) {
        return body.isObject() && body.has(key);
    }

    /** Returns the named value of the long form, or the body itself in the short form. */
    JsonNode value(String key) {
        if (!body.isObject()) {
            return body;
        }
        JsonNode value = body.get(key);
        if (value == null || value.isNull()) {
            throw new ApiKeyParseException("[" + type + "] on field [" + field + "] requires [" + key + "]");
        }
        return value;
    }

    String text(String key) {
        JsonNode value = value(key);
        if (!value.isValueNode() || value.isNull()) {
            throw JsonFields.wrongType(type, field, "a string", value);
        }
        return value.asText();
    }

    boolean flag(String key) {
        JsonNode value = body.isObject() ? body.get(key) : null;
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw JsonFields.wrongType(type, key, "a boolean", value);
        }
        return value.booleanValue();
    }
}
