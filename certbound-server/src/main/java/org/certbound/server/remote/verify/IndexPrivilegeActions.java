package org.certbound.server.remote.verify;

import java.util.List;
import java.util.Map;

/**
 * The actions that each index privilege grants, as action-name patterns.
 *
 * <p>The names follow Elasticsearch's index privileges. Only the privileges that can grant one of the cross-cluster
 * actions matter here; an unknown privilege grants nothing.
 */
final class IndexPrivilegeActions {

    private static final Map<String, List<String>> ACTIONS = Map.of(
            "all", List.of("indices:*"),
            "read", List.of("indices:data/read/*", "indices:admin/resolve/*"),
            "read_cross_cluster", List.of("indices:data/read/*", "indices:admin/resolve/*"),
            "view_index_metadata",
                    List.of("indices:admin/resolve/*", "indices:data/read/field_caps*", "indices:admin/get*"),
            "manage", List.of("indices:admin/*", "indices:monitor/*", "indices:data/read/field_caps*"),
            "monitor", List.of("indices:monitor/*"));

    private IndexPrivilegeActions() {}

    /** Returns whether any of {@code privileges} grants {@code action}. */
    static boolean grants(List<String> privileges, String action) {
        for (String privilege : privileges) {
            if (isGrantedBy(privilege, action)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGrantedBy(String privilege, String action) {
        if (privilege.startsWith("indices:")) {
            // A role may name actions directly, as Elasticsearch allows.
            return Wildcards.matches(privilege, action);
        }
        for (String pattern : ACTIONS.getOrDefault(privilege, List.of())) {
            if (Wildcards.matches(pattern, action)) {
                return true;
            }
        }
        return false;
    }
}
