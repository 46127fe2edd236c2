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

/**
 * The {@code cardinality} aggregation, counted exactly with a set of the distinct values. Elasticsearch estimates it
 * with HyperLogLog++ and is exact below its {@code precision_threshold} (3000 by default), so results agree there.
 *
 * <p>NOTE: memory grows with the number of distinct values, unlike Elasticsearch's bounded sketch.
 */
final class CardinalityAggregator implements Aggregator {
    private final AggregationSpec spec;
    private final String field;
    private final Set<Object> distinct = new HashSet<>();
    private LeafValues values;
    private FixedBitSet seenOrds;

    CardinalityAggregator(AggregationSpec spec) {
        this.spec = spec;
        this.field = spec.body().get("field").asText();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException {
        values = LeafValues.open(leaf, shard.field(field));
        seenOrds = values.isKeyword() ? new FixedBitSet((int) Math.max(1, values.valueCount())) : null;
    }

    @Override
    public void collect(int doc) throws IOException {
        int count = values.advance(doc);
        for (int i = 0; i < count; i++) {
            if (values.isKeyword()) {
                long ord = values.nextOrd();
                // Each ordinal is looked up once per segment.
                if (!seenOrds.getAndSet((int) ord)) {
                    distinct.add(values.lookupOrd(ord).utf8ToString());
                }
            } else {
                distinct.add(values.nextRaw());
            }
        }
    }

    @Override
    public String typedName() {
        return "cardinality";
    }

    @Override
    public ObjectNode render(boolean typedKeys) {
        return JsonNodeFactory.instance.objectNode().put("value", distinct.size());
    }

    /**
     * Renders the distinct values themselves, keyword values as strings and numbers as their raw longs, so that a
     * value seen by two clusters counts once.
     *
     * <p>NOTE: the partial form grows with the number of distinct values, which an exact count needs.
     */
    @Override
    public ObjectNode renderPartial() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
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
        for (JsonNode value : partial.path("values")) {
            if (value.isTextual() || value.isIntegralNumber()) {
                distinct.add(PartialForms.key(value));
            }
        }
    }
}
