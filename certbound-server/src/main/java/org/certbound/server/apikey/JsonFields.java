package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Strict readers for request bodies: each names the request object and the field in its error. */
final class JsonFields {
    private JsonFields() {}

    /** Returns {@code node} as an object, rejecting any field outside {@code allowed}. */
    static ObjectNode object(@Nullable JsonNode node, String where, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ApiKeyParseException("[" + where + "] expected an object but found [" + describe(node) + "]");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiKeyParseException("[" + where + "] unknown field [" + name + "]; expected one of "
                        + new java.util.TreeSet<>(allowed));
            }
        }
        return (ObjectNode) node;
    }

    /** Returns {@code node} as an object with any fields. */
    static ObjectNode anyObject(@Nullable JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ApiKeyParseException("[" + where + "] expected an object but found [" + describe(node) + "]");
        }
        return (ObjectNode) node;
    }

    /** Returns the string field, or null when absent; an explicit JSON null is also returned as null. */
    static @Nullable String optionalString(ObjectNode object, String where, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(where, field, "a string", value);
        }
        return value.textValue();
    }

    /** Returns the boolean field, or {@code defaultValue} when absent. */
    static boolean optionalBoolean(ObjectNode object, String where, String field, boolean defaultValue) {
        JsonNode value = object.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            throw wrongType(where, field, "a boolean", value);
        }
        return value.booleanValue();
    }

    /** Returns the array field's strings, an empty list when absent; a single string is read as a list of one. */
    static List<String> stringList(ObjectNode object, String where, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.textValue());
        }
        if (!value.isArray()) {
            throw wrongType(where, field, "an array of strings", value);
        }
        List<String> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new ApiKeyParseException("[" + where + "] field [" + field + "] must be an array of strings but"
                        + " element [" + result.size() + "] is [" + describe(item) + "]");
            }
            result.add(item.textValue());
        }
        return List.copyOf(result);
    }

    static ApiKeyParseException wrongType(String where, String field, String expected, JsonNode found) {
        return new ApiKeyParseException(
                "[" + where + "] field [" + field + "] must be " + expected + " but found [" + describe(found) + "]");
    }

    /** Names a JSON node's type, for error messages; the value itself may be large or sensitive. */
    static String describe(@Nullable JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
