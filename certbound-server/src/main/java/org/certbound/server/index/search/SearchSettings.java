package org.certbound.server.index.search;

import static org.certbound.server.settings.Property.DYNAMIC;

import java.util.List;
import java.util.function.IntSupplier;
import org.certbound.server.index.aggs.BucketLimit;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.Setting;

/** The settings of search requests. */
public final class SearchSettings {
    /** The number of aggregation buckets one search request may create, on each node that runs part of it. */
    public static final Setting<Integer> MAX_BUCKETS = Setting.intSetting(
            BucketLimit.SETTING,
            65_536,
            1,
            Integer.MAX_VALUE,
            "The maximum number of aggregation buckets one search may create on a node, counting every level of"
                    + " sub-aggregations and the empty buckets that min_doc_count 0 fills; a search over it fails"
                    + " with a 400 too_many_buckets_exception. It applies on the node that runs the search, on a"
                    + " fulfilling cluster for its part of a cross-cluster search, and on the querying node that"
                    + " merges the results.",
            DYNAMIC);

    private SearchSettings() {}

    /** Returns every search setting, for the node's registry. */
    public static List<Object> all() {
        return List.of(MAX_BUCKETS);
    }

    /** Returns the current value of {@link #MAX_BUCKETS}, read again on each call so updates apply at once. */
    public static IntSupplier maxBuckets(ClusterSettings settings) {
        return () -> settings.get(MAX_BUCKETS);
    }
}
