package org.certbound.server.remote.wire;

import java.util.Set;

/** The cross-cluster actions that a remote cluster server serves; every other action is rejected. */
public final class CrossClusterActions {

    /** The handshake that tells the querying cluster the remote cluster's name and version. */
    public static final String HANDSHAKE = "cluster:internal/remote_cluster/handshake";

    /** A search over the remote indices. */
    public static final String SEARCH = "indices:data/read/search";

    /** A count over the remote indices. */
    public static final String COUNT = "indices:data/read/count";

    /** Resolves which remote clusters an expression reaches and whether the caller may search them. */
    public static final String RESOLVE_CLUSTER = "indices:admin/resolve/cluster";

    /** Resolves an index expression to the indices, aliases and data streams it names. */
    public static final String RESOLVE_INDEX = "indices:admin/resolve/index";

    /** Field capabilities of the remote indices. */
    public static final String FIELD_CAPS = "indices:data/read/field_caps";

    /** Every allowlisted action. */
    public static final Set<String> ALLOWED =
            Set.of(HANDSHAKE, SEARCH, COUNT, RESOLVE_CLUSTER, RESOLVE_INDEX, FIELD_CAPS);

    private CrossClusterActions() {}

    /**
     * Returns whether the remote cluster server serves {@code action}.
     *
     * @param action the action name as received
     * @return true for an allowlisted action
     */
    public static boolean isAllowed(String action) {
        return ALLOWED.contains(action);
    }
}
