package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The single-value metrics {@code avg}, {@code sum}, {@code min}, {@code max} and {@code value_count}. An aggregation
 * over no values renders {@code null}, except {@code sum} (0.0) and {@code value_count} (0). Metrics of a date field
 * also render {@code value_as_string}.
 */
final class MetricAggregator implements Aggregator {
    private final AggregationSpec spec;
    private final String field;
    private LeafValues values;
    private @Nullable FieldMapping mapping;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    MetricAggregator(AggregationSpec spec) {
        this.spec = spec;
        this.field = spec.body().get("field").asText();
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException {
        FieldMapping fieldMapping = shard.field(field);
        if (fieldMapping != null
                && fieldMapping.type() == FieldType.KEYWORD
                && !spec.type().equals("value_count")) {
            throw IndexException.illegalArgument("Field [" + field + "] of type [keyword] is not supported for"
                    + " aggregation [" + spec.type() + "]");
        }
        if (fieldMapping != null) {
            mapping = fieldMapping;
        }
        values = LeafValues.open(leaf, fieldMapping);
    }

    @Override
    public void collect(int doc) throws IOException {
        int valueCount = values.advance(doc);
        if (values.isKeyword()) {
            count += valueCount;
            return;
        }
        for (int i = 0; i < valueCount; i++) {
            double value = values.nextDouble();
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    @Override
    public String typedName() {
        return spec.type();
    }

    @Override
    public ObjectNode render(boolean typedKeys) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        switch (spec.type()) {
            case "value_count" -> json.put("value", count);
            case "sum" -> json.put("value", sum);
            case "avg" -> putValue(json, count == 0 ? null : sum / count);
            case "min" -> putValue(json, count == 0 ? null : min);
            default -> putValue(json, count == 0 ? null : max);
        }
        return json;
    }

    /** Renders {@code count} and {@code sum}, and {@code min} and {@code max} when a value was seen. */
    @Override
    public ObjectNode renderPartial() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("count", count);
        json.put("sum", sum);
        if (count > 0) {
            json.put("min", min);
            json.put("max", max);
        }
        PartialForms.putMapping(json, mapping);
        return json;
    }

    @Override
    public void merge(JsonNode partial) {
        long partialCount = Math.max(0, partial.path("count").asLong(0));
        if (partialCount == 0) {
            return;
        }
        count += partialCount;
        sum += partial.path("sum").asDouble(0);
        min = Math.min(min, partial.path("min").asDouble(Double.POSITIVE_INFINITY));
        max = Math.max(max, partial.path("max").asDouble(Double.NEGATIVE_INFINITY));
        mapping = PartialForms.mapping(field, partial, mapping);
    }

    private void putValue(ObjectNode json, @Nullable Double value) {
        if (value == null) {
            json.putNull("value");
            return;
        }
        json.put("value", value);
        if (mapping != null && mapping.type() == FieldType.DATE) {
            json.put("value_as_string", mapping.dateFormat().format(value.longValue()));
        }
    }
}
