package org.certbound.server.index.aggs;

import java.util.List;

/** One bucket of a bucket aggregation: its document count and its own sub-aggregators. */
final class Bucket {
    final List<Aggregator> subAggregators;
    long docCount;

    Bucket(List<Aggregator> subAggregators) {
        this.subAggregators = subAggregators;
    }
}
