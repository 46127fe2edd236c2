package org.certbound.server.remote.wire;

import java.util.Set;

/**
 * The allowlist of actions a remote cluster port serves. Anything else is rejected before
 * authentication with the {@code action_not_allowed} reason.
 */
public final class CrossClusterActions {

    /** Exchanges cluster names, ids and node addresses; the first request on every connection. */
    public static final String HANDSHAKE = "cluster:internal/remote_cluster/handshake";

    /** A search over the remote cluster's indices (the {@code _search} body). */
    public static final String SEARCH = "indices:data/read/search";

    /** A count over the remote cluster's indices (the {@code _count} body). */
    public static final String COUNT = "indices:data/read/count";

    /** Whether index expressions resolve and the request would be authorized ({@code _resolve/cluster}). */
    public static final String RESOLVE_CLUSTER = "indices:admin/resolve/cluster";

    /** Resolves index expressions to index names ({@code _resolve/index}). */
    public static final String RESOLVE_INDEX = "indices:admin/resolve/index";

    /** Field capabilities of the matching indices ({@code _field_caps}). */
    public static final String FIELD_CAPS = "indices:data/read/field_caps";

    /** Every action the remote cluster port accepts. */
    public static final Set<String> ALLOWED =
            Set.of(HANDSHAKE, SEARCH, COUNT, RESOLVE_CLUSTER, RESOLVE_INDEX, FIELD_CAPS);

    private CrossClusterActions() {}

    /**
     * Returns whether the remote cluster port serves an action.
     *
     * @param action the action name from the request path
     * @return true when the action is on the allowlist
     */
    public static boolean isAllowed(String action) {
        return ALLOWED.contains(action);
    }
}
