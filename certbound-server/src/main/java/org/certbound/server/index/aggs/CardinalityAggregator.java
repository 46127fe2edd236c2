package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;
import org.certbound.server.index.IndexException;

/**
 * The {@code cardinality} aggregation. Up to {@code precision_threshold} distinct values (3000 by default, at most
 * 40000, as in Elasticsearch) it keeps the values and counts exactly; past it, it moves to a {@link HyperLogLog}
 * sketch of 16 KiB and estimates. Memory is therefore bounded by the threshold, whatever the field's cardinality, on
 * a single node and in the partial form sent between clusters.
 */
final class CardinalityAggregator implements Aggregator {
    static final int DEFAULT_PRECISION_THRESHOLD = 3000;
    static final int MAX_PRECISION_THRESHOLD = 40000;

    private final AggregationSpec spec;
    private final String field;
    private final int threshold;
    private final BucketLimit limit;
    private long exactValueBytes;
    private long seenOrdsBytes;
    private Set<Object> distinct = new HashSet<>();
    private HyperLogLog sketch;
    private LeafValues values;
    private FixedBitSet seenOrds;

    CardinalityAggregator(AggregationSpec spec, BucketLimit limit) {
        this.spec = spec;
        this.limit = limit;
        this.field = spec.body().get("field").asText();
        JsonNode threshold = spec.body().path("precision_threshold");
        if (threshold.isMissingNode() || threshold.isNull()) {
            this.threshold = DEFAULT_PRECISION_THRESHOLD;
        } else if (threshold.isIntegralNumber() && threshold.asLong() >= 0) {
            this.threshold = (int) Math.min(MAX_PRECISION_THRESHOLD, threshold.asLong());
        } else {
            throw IndexException.parsing("[precision_threshold] of cardinality aggregation [" + spec.name()
                    + "] must be a non-negative integer, got [" + threshold + "]");
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException {
        values = LeafValues.open(leaf, shard.field(field));
        // Under a terms bucket there is one of these per bucket and segment, sized by the segment's distinct values.
        limit.releaseBytes(seenOrdsBytes);
        seenOrdsBytes = 0;
        seenOrds = null;
        if (values.isKeyword()) {
            long words = (Math.max(1, values.valueCount()) + 63) / 64;
            limit.addBytes(words * 8);
            seenOrdsBytes = words * 8;
            seenOrds = new FixedBitSet((int) Math.max(1, values.valueCount()));
        }
    }

    @Override
    public void collect(int doc) throws IOException {
        int count = values.advance(doc);
        for (int i = 0; i < count; i++) {
            if (values.isKeyword()) {
                long ord = values.nextOrd();
                // Each ordinal is looked up once per segment.
                if (!seenOrds.getAndSet((int) ord)) {
                    add(values.lookupOrd(ord).utf8ToString());
                }
            } else {
                add(values.nextRaw());
            }
        }
    }

    @Override
    public String typedName() {
        return "cardinality";
    }

    @Override
    public ObjectNode render(boolean typedKeys) {
        return JsonNodeFactory.instance.objectNode().put("value", sketch != null ? sketch.estimate() : distinct.size());
    }

    /**
     * Renders the distinct values themselves while they are at most the threshold: keyword values as strings and
     * numbers as their raw longs, so that a value seen by two clusters counts once. Past the threshold it renders the
     * sketch's registers.
     */
    @Override
    public ObjectNode renderPartial() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (sketch != null) {
            json.put("hll", sketch.encode());
            return json;
        }
        ArrayNode array = json.putArray("values");
        for (Object value : distinct) {
            if (value instanceof String text) {
                array.add(text);
            } else {
                array.add((Long) value);
            }
        }
        return json;
    }

    @Override
    public void merge(JsonNode partial) {
        JsonNode registers = partial.path("hll");
        if (registers.isTextual()) {
            HyperLogLog other;
            try {
                other = HyperLogLog.decode(registers.textValue());
            } catch (IllegalArgumentException e) {
                throw IndexException.illegalArgument(
                        "invalid partial cardinality of [" + spec.name() + "]: " + e.getMessage());
            }
            toSketch();
            sketch.merge(other);
        }
        for (JsonNode value : partial.path("values")) {
            if (value.isTextual() || value.isIntegralNumber()) {
                add(PartialForms.key(value));
            }
        }
    }

    /** Returns whether the count is still exact, that is, no more than the threshold distinct values were seen. */
    boolean isExact() {
        return sketch == null;
    }

    private void add(Object value) {
        if (sketch != null) {
            hashInto(sketch, value);
            return;
        }
        if (!distinct.add(value)) {
            return;
        }
        // The exact values of all of a request's aggregations share its memory budget. Past it, this one estimates.
        long size = bytesOf(value);
        if (distinct.size() > threshold || !limit.tryAddBytes(size)) {
            distinct.remove(value);
            toSketch();
            hashInto(sketch, value);
            return;
        }
        exactValueBytes += size;
    }

    /**
     * Estimates what one exact value costs: the value and its set entry, and again its copies when the partial form
     * is rendered as JSON and sent to another cluster.
     */
    private static long bytesOf(Object value) {
        return value instanceof String text ? 3L * (48 + text.length()) : 3L * 48;
    }

    private void toSketch() {
        if (sketch != null) {
            return;
        }
        // The values are dropped below, so their share of the budget goes back before the sketch takes its own.
        limit.releaseBytes(exactValueBytes);
        exactValueBytes = 0;
        limit.addBytes(HyperLogLog.BYTES);
        sketch = new HyperLogLog();
        for (Object value : distinct) {
            hashInto(sketch, value);
        }
        distinct = Set.of();
    }

    private static void hashInto(HyperLogLog sketch, Object value) {
        if (value instanceof String text) {
            sketch.add(text);
        } else if (value instanceof Long number) {
            sketch.add(number);
        } else {
            sketch.add(Double.doubleToLongBits(((Number) value).doubleValue()));
        }
    }
}
