package org.certbound.server.remote.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbound.server.security.FieldSecurity;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;

/** The index privileges of one set of role descriptors, evaluated for one action and one index. */
final class IndexPermission {

    /**
     * Prefixes of restricted indices, which a pattern reaches only with {@code allow_restricted_indices: true}. They
     * hold security state, so a wildcard such as {@code *} must not expose them by accident.
     */
    static final List<String> RESTRICTED_PREFIXES = List.of(".security", ".async-search");

    private final List<IndicesPrivileges> entries;

    private IndexPermission(List<IndicesPrivileges> entries) {
        this.entries = entries;
    }

    /** Collects the {@code indices} entries of every descriptor in {@code roles}. */
    static IndexPermission of(List<RoleDescriptor> roles) {
        List<IndicesPrivileges> entries = new ArrayList<>();
        for (RoleDescriptor role : roles) {
            entries.addAll(role.indices());
        }
        return new IndexPermission(List.copyOf(entries));
    }

    /**
     * Returns this level's grant of {@code action} on {@code index}, or empty when no entry grants it.
     *
     * @return the level's document queries and field security; either list is empty when that restriction is lifted
     */
    Optional<Level> access(String action, String index) {
        List<IndicesPrivileges> matching = new ArrayList<>();
        for (IndicesPrivileges entry : entries) {
            if (matchesIndex(entry, index) && IndexPrivilegeActions.grants(entry.privileges(), action)) {
                matching.add(entry);
            }
        }
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Level(queriesOf(matching), fieldSecurityOf(matching)));
    }

    /** Returns whether {@code index} is a restricted index. */
    static boolean isRestricted(String index) {
        for (String prefix : RESTRICTED_PREFIXES) {
            if (index.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIndex(IndicesPrivileges entry, String index) {
        if (isRestricted(index) && !entry.allowRestrictedIndices()) {
            return false;
        }
        for (String pattern : entry.names()) {
            if (Wildcards.matches(pattern, index)) {
                return true;
            }
        }
        return false;
    }

    private static List<JsonNode> queriesOf(List<IndicesPrivileges> matching) {
        List<JsonNode> queries = new ArrayList<>();
        for (IndicesPrivileges entry : matching) {
            if (entry.query() == null) {
                return List.of();
            }
            queries.add(entry.query());
        }
        return queries;
    }

    private static List<FieldSecurity> fieldSecurityOf(List<IndicesPrivileges> matching) {
        List<FieldSecurity> grants = new ArrayList<>();
        for (IndicesPrivileges entry : matching) {
            if (entry.fieldSecurity() == null) {
                return List.of();
            }
            grants.add(entry.fieldSecurity());
        }
        return grants;
    }

    /**
     * One level's grant.
     *
     * @param queries the document queries, any of which a visible document matches; empty when unrestricted
     * @param fieldSecurity the field security entries, any of which grants a visible field; empty when unrestricted
     */
    record Level(List<JsonNode> queries, List<FieldSecurity> fieldSecurity) {}
}
