package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The fields of an API key that {@code _query/api_key} can match and sort on, and their values for one key. */
final class ApiKeyQueryFields {
    /** The queryable fields besides {@code metadata.*}; {@code realm} is accepted as an alias of realm_name. */
    static final Set<String> FIELDS = Set.of(
            "id", "name", "type", "creation", "expiration", "invalidated", "invalidation", "username", "realm_name");

    static final Set<String> DATE_FIELDS = Set.of("creation", "expiration", "invalidation");

    private ApiKeyQueryFields() {}

    /**
     * Resolves a field name from a query to its canonical name.
     *
     * @throws IllegalArgumentException for a field that is not queryable
     */
    static String resolve(String field) {
        if (field.equals("realm")) {
            return "realm_name";
        }
        if (FIELDS.contains(field) || (field.startsWith("metadata.") && field.length() > "metadata.".length())) {
            return field;
        }
        throw new IllegalArgumentException("field [" + field + "] is not allowed in an API key query; use one of "
                + new java.util.TreeSet<>(FIELDS) + " or [metadata.<key>]");
    }

    static boolean isDate(String field) {
        return DATE_FIELDS.contains(field);
    }

    /** Returns the key's values for a canonical field: none when the field is absent, several for a JSON array. */
    static List<Object> values(ApiKeyDocument key, String field) {
        return switch (field) {
            case "id" -> List.of(key.id());
            case "name" -> List.of(key.name());
            case "type" -> List.of(key.type().value());
            case "creation" -> List.of(key.creation().toEpochMilli());
            case "expiration" -> instant(key.expiration());
            case "invalidated" -> List.of(key.invalidated());
            case "invalidation" -> instant(key.invalidation());
            case "username" -> List.of(key.owner().principal());
            case "realm_name" -> List.of(key.owner().realm());
            default -> metadata(key, field.substring("metadata.".length()));
        };
    }

    private static List<Object> instant(@Nullable Instant value) {
        return value == null ? List.of() : List.of(value.toEpochMilli());
    }

    private static List<Object> metadata(ApiKeyDocument key, String path) {
        JsonNode node = key.metadata();
        for (String part : path.split("\\.", -1)) {
            node = node.path(part);
        }
        List<Object> result = new ArrayList<>();
        collect(node, result);
        return result;
    }

    private static void collect(JsonNode node, List<Object> into) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, into));
        } else if (node.isBoolean()) {
            into.add(node.booleanValue());
        } else if (node.isNumber()) {
            into.add(node.decimalValue());
        } else if (node.isTextual()) {
            into.add(node.textValue());
        }
    }
}
