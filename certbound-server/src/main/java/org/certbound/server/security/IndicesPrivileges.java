package org.certbound.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Privileges on a set of indices, as in the {@code indices} list of an Elasticsearch role.
 *
 * @param names index name patterns, for example {@code logs-*}
 * @param privileges index privileges, for example {@code read} or {@code all}
 * @param query a document level security query, or null
 * @param fieldSecurity field level security, or null for every field
 * @param allowRestrictedIndices whether the patterns also cover restricted (internal) indices
 */
public record IndicesPrivileges(
        List<String> names,
        List<String> privileges,
        @Nullable JsonNode query,
        @Nullable FieldSecurity fieldSecurity,
        boolean allowRestrictedIndices) {

    /** Copies the lists and requires at least one name and one privilege. */
    public IndicesPrivileges {
        names = List.copyOf(names);
        privileges = List.copyOf(privileges);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("index privileges need at least one index name in [names]");
        }
        if (privileges.isEmpty()) {
            throw new IllegalArgumentException("index privileges need at least one privilege in [privileges]");
        }
        query = query == null ? null : query.deepCopy();
    }

    /** Creates privileges without document or field level security. */
    public static IndicesPrivileges of(List<String> names, List<String> privileges) {
        return new IndicesPrivileges(names, privileges, null, null, false);
    }
}
