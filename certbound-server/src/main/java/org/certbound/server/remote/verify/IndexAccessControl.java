package org.certbound.server.remote.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.certbound.server.security.FieldSecurity;

/**
 * What a cross-cluster request may see of one index: the document filter and the field filter.
 *
 * <p>Access is the intersection of levels: one for the cross-cluster API key's role descriptors and one for each role
 * descriptor set of the querying user's {@code remote_indices}. Within one level the matching entries add up: a document is visible when any entry's query
 * matches it, and a field when any entry grants it. An entry without a query or without field security lifts that
 * restriction for its level. Across levels every restriction applies.
 */
public final class IndexAccessControl {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String index;
    private final List<List<JsonNode>> queryLevels;
    private final List<List<FieldSecurity>> fieldLevels;

    IndexAccessControl(String index, List<List<JsonNode>> queryLevels, List<List<FieldSecurity>> fieldLevels) {
        this.index = index;
        this.queryLevels = queryLevels.stream().map(List::copyOf).toList();
        this.fieldLevels = fieldLevels.stream().map(List::copyOf).toList();
    }

    /** Returns the index this access applies to. */
    public String index() {
        return index;
    }

    /** Returns whether only some documents of the index are visible. */
    public boolean hasDocumentLevelSecurity() {
        return !queryLevels.isEmpty();
    }

    /**
     * Returns the query that a visible document must match, or empty when every document is visible.
     *
     * <p>The query is a {@code bool} with one {@code filter} clause per level, each clause a {@code bool} whose
     * {@code should} lists that level's queries with {@code minimum_should_match: 1}. A query stored as a JSON string
     * is parsed first.
     *
     * @throws IllegalArgumentException when a stored query is a string that is not valid JSON, so the search fails
     *     instead of running unfiltered
     */
    public Optional<JsonNode> documentQuery() {
        if (queryLevels.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode filter = root.putObject("bool").putArray("filter");
        for (List<JsonNode> level : queryLevels) {
            ObjectNode any = filter.addObject().putObject("bool");
            ArrayNode should = any.putArray("should");
            level.forEach(query -> should.add(asObject(index, query)));
            any.put("minimum_should_match", 1);
        }
        return Optional.of(root);
    }

    /** Returns the document queries per level; empty when every document is visible. */
    public List<List<JsonNode>> documentQueryLevels() {
        return queryLevels;
    }

    /** Returns whether only some fields of the index are visible. */
    public boolean hasFieldLevelSecurity() {
        return !fieldLevels.isEmpty();
    }

    /** Returns the field security entries per level; empty when every field is visible. */
    public List<List<FieldSecurity>> fieldSecurityLevels() {
        return fieldLevels;
    }

    /**
     * Returns whether a field is visible.
     *
     * <p>Metadata fields (names that start with {@code _}) are always visible. Other fields are matched by their full
     * dotted path against the {@code grant} and {@code except} patterns, where {@code *} matches any run of
     * characters.
     *
     * @param fieldPath the dotted path of a leaf field, for example {@code user.name}
     * @return true when every level grants the field and none excepts it
     */
    public boolean isFieldAllowed(String fieldPath) {
        if (fieldPath.startsWith("_")) {
            return true;
        }
        for (List<FieldSecurity> level : fieldLevels) {
            if (!isAllowedAtLevel(level, fieldPath)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "IndexAccessControl[index=" + index
                + ", documentLevelSecurity=" + hasDocumentLevelSecurity()
                + ", fieldLevelSecurity=" + hasFieldLevelSecurity() + "]";
    }

    private static boolean isAllowedAtLevel(List<FieldSecurity> level, String fieldPath) {
        for (FieldSecurity entry : level) {
            if (matchesAny(entry.grant(), fieldPath) && !matchesAny(entry.except(), fieldPath)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAny(List<String> patterns, String fieldPath) {
        for (String pattern : patterns) {
            if (Wildcards.matches(pattern, fieldPath)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode asObject(String index, JsonNode query) {
        if (!query.isTextual()) {
            return query;
        }
        try {
            return MAPPER.readTree(query.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the document level security query for index [" + index
                            + "] is not valid JSON; fix the role or API key",
                    e);
        }
    }
}
