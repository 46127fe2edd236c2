package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * The aggregations of one search. They collect across every index the search covers, one index after the other,
 * and render once at the end.
 */
public final class Aggregations {
    private final List<Aggregator> aggregators;

    private Aggregations(List<Aggregator> aggregators) {
        this.aggregators = aggregators;
    }

    /**
     * Creates the aggregators of a request.
     *
     * @param specs the aggregations of the request
     * @param maxBuckets the number of buckets the request may create ({@code search.max_buckets})
     * @throws org.certbound.server.index.IndexException {@code parsing_exception} or {@code
     *     illegal_argument_exception} for invalid options; later, while collecting or rendering, {@code
     *     too_many_buckets_exception} when the request needs more than {@code maxBuckets} buckets
     */
    public static Aggregations create(List<AggregationSpec> specs, int maxBuckets) {
        return new Aggregations(createAll(specs, new BucketLimit(maxBuckets)));
    }

    /** Returns whether the request has aggregations. */
    public boolean isEmpty() {
        return aggregators.isEmpty();
    }

    /**
     * Returns a collector manager that feeds one index's matching documents to these aggregations and returns how
     * many documents it collected. The search must run single-threaded, since all indices share one set of
     * aggregators.
     */
    public CollectorManager<Collector, Long> collectorManager(ShardAggregationContext shard) {
        return new CollectorManager<>() {
            private AggregationCollector collector;

            @Override
            public Collector newCollector() {
                if (collector != null) {
                    throw new IllegalStateException("aggregations support one collector per index search");
                }
                collector = new AggregationCollector(shard);
                return collector;
            }

            @Override
            public Long reduce(Collection<Collector> collectors) {
                return collector == null ? 0L : collector.count;
            }
        };
    }

    /** Renders the {@code aggregations} object of the response. */
    public ObjectNode render(boolean typedKeys) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        renderInto(aggregators, json, typedKeys);
        return json;
    }

    /**
     * Renders the mergeable form of the {@code aggregations} object, keyed by the aggregation names without type
     * prefixes. {@link #merge} reads it back on the cluster that merges the results of several clusters.
     */
    public ObjectNode renderPartial() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        renderPartialInto(aggregators, json);
        return json;
    }

    /**
     * Merges the partial forms of several clusters and renders the final {@code aggregations} object, as one cluster
     * holding all their documents would render it.
     *
     * @param specs the aggregations of the request
     * @param partials the {@link #renderPartial} output of each cluster that returned a response
     * @param typedKeys whether names carry their type prefix
     * @param maxBuckets the number of buckets the merge may create ({@code search.max_buckets}), counting the
     *     merged buckets of all clusters and the empty buckets filled for {@code min_doc_count: 0}
     * @return the merged {@code aggregations}
     * @throws org.certbound.server.index.IndexException {@code too_many_buckets_exception} when the merge needs more
     *     than {@code maxBuckets} buckets
     */
    public static ObjectNode merge(
            List<AggregationSpec> specs, List<JsonNode> partials, boolean typedKeys, int maxBuckets) {
        List<Aggregator> merged = createAll(specs, new BucketLimit(maxBuckets));
        for (JsonNode partial : partials) {
            mergeInto(merged, partial);
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        renderInto(merged, json, typedKeys);
        return json;
    }

    static void renderPartialInto(List<Aggregator> aggregators, ObjectNode json) {
        for (Aggregator aggregator : aggregators) {
            json.set(aggregator.name(), aggregator.renderPartial());
        }
    }

    static void mergeInto(List<Aggregator> aggregators, JsonNode partials) {
        for (Aggregator aggregator : aggregators) {
            JsonNode partial = partials.get(aggregator.name());
            if (partial != null && partial.isObject()) {
                aggregator.merge(partial);
            }
        }
    }

    static List<Aggregator> createAll(List<AggregationSpec> specs, BucketLimit limit) {
        List<Aggregator> out = new ArrayList<>();
        for (AggregationSpec spec : specs) {
            out.add(create(spec, limit));
        }
        return out;
    }

    private static Aggregator create(AggregationSpec spec, BucketLimit limit) {
        return switch (spec.type()) {
            case "terms" -> new TermsAggregator(spec, limit);
            case "histogram" -> HistogramAggregator.numeric(spec, limit);
            case "date_histogram" -> HistogramAggregator.date(spec, limit);
            case "cardinality" -> new CardinalityAggregator(spec, limit);
            default -> new MetricAggregator(spec);
        };
    }

    static void renderInto(List<Aggregator> aggregators, ObjectNode json, boolean typedKeys) {
        for (Aggregator aggregator : aggregators) {
            String name = aggregator.name();
            json.set(typedKeys ? aggregator.typedName() + "#" + name : name, aggregator.render(typedKeys));
        }
    }

    private final class AggregationCollector implements Collector {
        private final ShardAggregationContext shard;
        private long count;

        AggregationCollector(ShardAggregationContext shard) {
            this.shard = shard;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            LeafAggregator[] leaves = new LeafAggregator[aggregators.size()];
            for (int i = 0; i < leaves.length; i++) {
                aggregators.get(i).setLeaf(context, shard);
                leaves[i] = aggregators.get(i).leafAggregator();
            }
            return leaves.length == 1 ? new SingleLeafCollector(leaves[0]) : new MultiLeafCollector(leaves);
        }

        // The segment's count lives in the leaf collector and is added once in finish(), not stored per document.
        private final class SingleLeafCollector implements LeafCollector {
            private final LeafAggregator leaf;
            private long segmentCount;

            SingleLeafCollector(LeafAggregator leaf) {
                this.leaf = leaf;
            }

            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
                segmentCount++;
                leaf.collect(doc);
            }

            @Override
            public void finish() {
                count += segmentCount;
            }
        }

        private final class MultiLeafCollector implements LeafCollector {
            private final LeafAggregator[] leaves;
            private long segmentCount;

            MultiLeafCollector(LeafAggregator[] leaves) {
                this.leaves = leaves;
            }

            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
                segmentCount++;
                for (LeafAggregator leaf : leaves) {
                    leaf.collect(doc);
                }
            }

            @Override
            public void finish() {
                count += segmentCount;
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
