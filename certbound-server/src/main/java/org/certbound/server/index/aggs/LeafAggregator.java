package org.certbound.server.index.aggs;

import java.io.IOException;

/**
 * The per-document step of an aggregation on one segment. A top-level aggregator may return one built for the segment,
 * with its doc values and counters in final fields, so the collector's loop calls it without the aggregator's
 * per-document checks.
 */
@FunctionalInterface
interface LeafAggregator {
    /** Adds a document of the segment. */
    void collect(int doc) throws IOException;
}
