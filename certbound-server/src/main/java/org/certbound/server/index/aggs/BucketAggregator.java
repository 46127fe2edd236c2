package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.jspecify.annotations.Nullable;

/**
 * The base of bucket aggregations: it creates each bucket's sub-aggregators and keeps them positioned on the current
 * segment, so a bucket created in the middle of a segment collects like the others. Every bucket it creates takes one
 * unit of the request's {@link BucketLimit} (see {@link #countsCreatedBuckets}), and its sub-aggregators share that
 * limit.
 */
abstract class BucketAggregator implements Aggregator {
    protected final AggregationSpec spec;
    /** Estimated bytes of one empty sub-aggregator, for the request's memory budget. */
    private static final long SUB_AGGREGATOR_BYTES = 256;

    protected final BucketLimit limit;
    private final List<Bucket> buckets = new ArrayList<>();
    private @Nullable LeafReaderContext leaf;
    private @Nullable ShardAggregationContext shard;

    BucketAggregator(AggregationSpec spec, BucketLimit limit) {
        this.spec = spec;
        this.limit = limit;
    }

    @Override
    public final String name() {
        return spec.name();
    }

    /** Positions every existing bucket's sub-aggregators on a new segment. */
    protected final void setSubLeaf(LeafReaderContext newLeaf, ShardAggregationContext newShard) throws IOException {
        this.leaf = newLeaf;
        this.shard = newShard;
        for (Bucket bucket : buckets) {
            for (Aggregator sub : bucket.subAggregators) {
                sub.setLeaf(newLeaf, newShard);
            }
        }
    }

    /**
     * Creates a bucket with its own sub-aggregators.
     *
     * @throws org.certbound.server.index.IndexException {@code too_many_buckets_exception} when the request's bucket
     *     limit is spent
     */
    protected final Bucket newBucket() throws IOException {
        if (countsCreatedBuckets()) {
            limit.add();
        }
        // Each sub-aggregator of a bucket is an object of its own; its values are budgeted where it adds them.
        limit.addBytes(SUB_AGGREGATOR_BYTES * spec.subAggregations().size());
        Bucket bucket = new Bucket(Aggregations.createAll(spec.subAggregations(), limit));
        if (leaf != null) {
            for (Aggregator sub : bucket.subAggregators) {
                sub.setLeaf(leaf, shard);
            }
        }
        buckets.add(bucket);
        return bucket;
    }

    /**
     * Returns whether each bucket takes a unit of the limit when it is created. Buckets with sub-aggregations always
     * do, because each carries aggregators of its own. A subclass whose bare buckets are bounded by the data, not by
     * the request, may count only the buckets it renders instead.
     */
    protected boolean countsCreatedBuckets() {
        return true;
    }

    protected static void collectInto(Bucket bucket, int doc) throws IOException {
        bucket.docCount++;
        List<Aggregator> subs = bucket.subAggregators;
        // An indexed loop, because this runs per document and bucket and most buckets have no sub-aggregations.
        for (int i = 0; i < subs.size(); i++) {
            subs.get(i).collect(doc);
        }
    }

    /** Renders a bucket's count and the partial forms of its sub-aggregations into a partial bucket. */
    protected static void renderPartialCountAndSubs(Bucket bucket, ObjectNode json) {
        json.put("doc_count", bucket.docCount);
        Aggregations.renderPartialInto(bucket.subAggregators, json.putObject("aggregations"));
    }

    /** Adds a partial bucket's count and sub-aggregations to a bucket. */
    protected static void mergeCountAndSubs(Bucket bucket, JsonNode partial) {
        bucket.docCount += Math.max(0, partial.path("doc_count").asLong(0));
        Aggregations.mergeInto(bucket.subAggregators, partial.path("aggregations"));
    }

    protected static void renderCountAndSubs(Bucket bucket, ObjectNode json, boolean typedKeys) {
        json.put("doc_count", bucket.docCount);
        Aggregations.renderInto(bucket.subAggregators, json, typedKeys);
    }
}
