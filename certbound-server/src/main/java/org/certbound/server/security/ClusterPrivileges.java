package org.certbound.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Elasticsearch's named cluster privileges and which ones imply which. {@code all} implies every privilege;
 * {@code manage} implies {@code monitor} and the other non-security management privileges but not
 * {@code manage_security}; {@code manage_security} implies {@code manage_api_key}, which implies
 * {@code manage_own_api_key}, and {@code read_security}.
 */
public final class ClusterPrivileges {

    private static final List<String> MONITOR_FAMILY = List.of(
            "monitor_ml",
            "monitor_watcher",
            "monitor_transform",
            "monitor_enrich",
            "monitor_snapshot",
            "monitor_rollup",
            "monitor_text_structure",
            "monitor_inference",
            "monitor_esql");

    private static final List<String> MANAGE_FAMILY = List.of(
            "monitor",
            "manage_index_templates",
            "manage_ingest_pipelines",
            "manage_pipeline",
            "manage_ilm",
            "read_ilm",
            "manage_slm",
            "read_slm",
            "manage_ml",
            "manage_transform",
            "manage_watcher",
            "manage_ccr",
            "read_ccr",
            "manage_enrich",
            "manage_rollup",
            "manage_autoscaling",
            "create_snapshot",
            "manage_inference",
            "cross_cluster_search",
            "cross_cluster_replication");

    private static final Map<String, List<String>> DIRECT = Map.of(
            "monitor", MONITOR_FAMILY,
            "manage", MANAGE_FAMILY,
            "manage_security", List.of("manage_api_key", "read_security", "manage_service_account"),
            "manage_api_key", List.of("manage_own_api_key"),
            "create_snapshot", List.of("monitor_snapshot"),
            "manage_ilm", List.of("read_ilm"),
            "manage_slm", List.of("read_slm"),
            "manage_ccr", List.of("read_ccr"));

    private static final Set<String> KNOWN = known();

    private ClusterPrivileges() {}

    /** Returns whether any privilege in {@code granted} implies {@code required}. */
    public static boolean implies(Collection<String> granted, String required) {
        for (String privilege : granted) {
            if (implies(privilege, required)) {
                return true;
            }
        }
        return false;
    }

    /** Returns whether {@code granted} implies {@code required}; every privilege implies itself. */
    public static boolean implies(String granted, String required) {
        if (granted.equals(required) || granted.equals("all")) {
            return true;
        }
        List<String> children = DIRECT.get(granted);
        if (children == null) {
            return false;
        }
        for (String child : children) {
            if (implies(child, required)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the known privileges that imply {@code required}, sorted, for error messages. */
    public static List<String> grantedBy(String required) {
        List<String> grantedBy = new ArrayList<>();
        for (String privilege : new TreeSet<>(KNOWN)) {
            if (implies(privilege, required)) {
                grantedBy.add(privilege);
            }
        }
        return grantedBy;
    }

    /** Returns whether {@code name} is a cluster privilege this node knows. */
    public static boolean isKnown(String name) {
        return KNOWN.contains(name);
    }

    private static Set<String> known() {
        Set<String> known = new HashSet<>(List.of("all", "manage", "manage_security", "manage_own_api_key"));
        DIRECT.forEach((parent, children) -> {
            known.add(parent);
            known.addAll(children);
        });
        return Set.copyOf(known);
    }
}
