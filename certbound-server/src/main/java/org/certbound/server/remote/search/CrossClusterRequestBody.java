package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.remote.wire.CrossClusterActions;

/**
 * The parsed body of a cross-cluster request, read strictly. An unknown field, a field of the wrong type or a null is
 * rejected, so a malformed body is never run with defaults in place of the values it should have carried.
 *
 * @param indices the index expressions, {@code [_all]} when the body names none
 * @param ignoreUnavailable whether a missing literal index is skipped rather than a 404
 * @param search the search body, empty when absent
 * @param partialAggregations whether a search returns its aggregations in the mergeable form, for a querying cluster
 *     that merges them with other clusters' aggregations
 * @param fields the field patterns of a field capabilities request, empty for other actions
 */
record CrossClusterRequestBody(
        List<String> indices,
        boolean ignoreUnavailable,
        ObjectNode search,
        boolean partialAggregations,
        List<String> fields) {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Set<String> SEARCH_FIELDS =
            Set.of("indices", "ignore_unavailable", "search", "partial_aggregations");
    private static final Set<String> COUNT_FIELDS = Set.of("indices", "ignore_unavailable", "search");
    private static final Set<String> FIELD_CAPS_FIELDS = Set.of("indices", "ignore_unavailable", "fields");
    private static final Set<String> RESOLVE_FIELDS = Set.of("indices");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            CrossClusterActions.SEARCH, SEARCH_FIELDS,
            CrossClusterActions.COUNT, COUNT_FIELDS,
            CrossClusterActions.FIELD_CAPS, FIELD_CAPS_FIELDS,
            CrossClusterActions.RESOLVE_CLUSTER, RESOLVE_FIELDS,
            CrossClusterActions.RESOLVE_INDEX, RESOLVE_FIELDS);

    /** Returns whether this node parses the bodies of {@code action}. */
    static boolean supports(String action) {
        return FIELDS.containsKey(action);
    }

    /**
     * Parses the body of one supported action.
     *
     * @param action a supported action name
     * @param body the raw body; empty means {@code {}}
     * @return the body
     * @throws IllegalArgumentException naming the field and the type it must have when the body is not valid for
     *     the action
     */
    static CrossClusterRequestBody parse(String action, byte[] body) {
        ObjectNode root = readObject(body);
        Set<String> allowed = FIELDS.get(action);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field [" + name + "] in the body of action [" + action
                        + "]; the known fields are " + allowed.stream().sorted().toList());
            }
        }
        if (action.equals(CrossClusterActions.FIELD_CAPS) && !root.has("fields")) {
            throw new IllegalArgumentException("the body of action [" + action + "] must name [fields]");
        }
        return new CrossClusterRequestBody(
                indices(root.get("indices")),
                flag(root.get("ignore_unavailable"), "ignore_unavailable"),
                search(root.get("search")),
                flag(root.get("partial_aggregations"), "partial_aggregations"),
                fields(root.get("fields")));
    }

    private static ObjectNode readObject(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
        if (root instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalArgumentException("the body must be a JSON object, got " + describe(root));
    }

    private static List<String> indices(JsonNode value) {
        if (value == null) {
            return List.of("_all");
        }
        if (!value.isArray()) {
            throw wrongType("indices", "an array of non-empty strings", value);
        }
        List<String> indices = new ArrayList<>();
        for (JsonNode index : value) {
            if (!index.isTextual() || index.textValue().isEmpty()) {
                throw wrongType("indices", "an array of non-empty strings", index);
            }
            indices.add(index.textValue());
        }
        return indices.isEmpty() ? List.of("_all") : List.copyOf(indices);
    }

    private static boolean flag(JsonNode value, String name) {
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "a boolean", value);
        }
        return value.booleanValue();
    }

    private static List<String> fields(JsonNode value) {
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.isEmpty()) {
            throw wrongType("fields", "a non-empty array of non-empty strings", value);
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode field : value) {
            if (!field.isTextual() || field.textValue().isEmpty()) {
                throw wrongType("fields", "a non-empty array of non-empty strings", field);
            }
            fields.add(field.textValue());
        }
        return List.copyOf(fields);
    }

    private static ObjectNode search(JsonNode value) {
        if (value == null) {
            return MAPPER.createObjectNode();
        }
        if (value instanceof ObjectNode object) {
            return object;
        }
        throw wrongType("search", "an object", value);
    }

    private static IllegalArgumentException wrongType(String field, String expected, JsonNode found) {
        return new IllegalArgumentException("[" + field + "] must be " + expected + ", got " + describe(found));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL -> "[null]";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "[" + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "]";
        };
    }
}
