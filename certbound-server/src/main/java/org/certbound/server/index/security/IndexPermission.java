package org.certbound.server.index.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One index entry of a role descriptor: the index name patterns, the privileges on them, and optional document- and
 * field-level security.
 *
 * @param names the index name patterns
 * @param privileges the privileges granted on matching indices
 * @param query the document-level security query in the search DSL, or null for every document
 * @param fieldSecurity the visible fields
 * @param allowRestrictedIndices whether the patterns may match restricted security indices
 */
public record IndexPermission(
        List<IndexNamePattern> names,
        Set<IndexPrivilege> privileges,
        @Nullable JsonNode query,
        FieldSecurity fieldSecurity,
        boolean allowRestrictedIndices) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Creates an entry, copying its collections.
     *
     * @throws IllegalArgumentException when there are no names or no privileges
     */
    public IndexPermission {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("[names] must not be empty");
        }
        if (privileges.isEmpty()) {
            throw new IllegalArgumentException("[privileges] must not be empty for index names " + names);
        }
        names = List.copyOf(names);
        privileges = Set.copyOf(privileges);
        query = query == null ? null : query.deepCopy();
    }

    /**
     * Parses an entry of a role descriptor's {@code indices}: {@code names}, {@code privileges}, {@code query} (an
     * object, or a string holding one), {@code field_security} and {@code allow_restricted_indices}.
     *
     * @throws IllegalArgumentException when a key is unknown or a value is malformed
     */
    public static IndexPermission parse(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("an index permission must be an object");
        }
        json.fieldNames().forEachRemaining(key -> {
            if (!Set.of("names", "privileges", "query", "field_security", "allow_restricted_indices")
                    .contains(key)) {
                throw new IllegalArgumentException("unknown field [" + key + "] in an index permission");
            }
        });
        List<IndexNamePattern> names = new ArrayList<>();
        strings(json.get("names"), "names").forEach(name -> names.add(IndexNamePattern.parse(name)));
        Set<IndexPrivilege> privileges = EnumSet.noneOf(IndexPrivilege.class);
        strings(json.get("privileges"), "privileges").forEach(name -> privileges.add(IndexPrivilege.fromName(name)));
        return new IndexPermission(
                names,
                privileges,
                query(json.get("query")),
                FieldSecurity.parse(json.get("field_security")),
                json.path("allow_restricted_indices").asBoolean(false));
    }

    /** Returns whether this entry's patterns match an index. */
    public boolean matches(String index) {
        for (IndexNamePattern name : names) {
            if (name.matches(index, allowRestrictedIndices)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether this entry grants an action on an index. */
    public boolean check(IndexAction action, String index) {
        return matches(index) && privileges.stream().anyMatch(privilege -> privilege.grants(action));
    }

    private static @Nullable JsonNode query(@Nullable JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (json.isTextual()) {
            try {
                json = JSON.readTree(json.asText());
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("[query] must be a JSON object or a string holding one", e);
            }
        }
        if (!json.isObject() || json.isEmpty()) {
            throw new IllegalArgumentException("[query] must be a non-empty JSON object in the query DSL");
        }
        return json;
    }

    private static List<String> strings(@Nullable JsonNode json, String key) {
        if (json == null || !json.isArray() || json.isEmpty()) {
            throw new IllegalArgumentException("[" + key + "] must not be empty");
        }
        List<String> out = new ArrayList<>();
        json.forEach(value -> out.add(value.asText()));
        return out;
    }
}
