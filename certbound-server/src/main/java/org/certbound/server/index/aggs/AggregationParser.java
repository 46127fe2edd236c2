package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.index.IndexException;
import org.jspecify.annotations.Nullable;

/** Parses the {@code aggs} (or {@code aggregations}) object of a search request. */
public final class AggregationParser {
    /** The aggregation types certbound computes. */
    public static final Set<String> TYPES =
            Set.of("terms", "date_histogram", "histogram", "avg", "sum", "min", "max", "value_count", "cardinality");

    private static final Set<String> BUCKET_TYPES = Set.of("terms", "date_histogram", "histogram");

    private AggregationParser() {}

    /**
     * Parses an aggregations object; null gives no aggregations.
     *
     * @throws IndexException {@code parsing_exception} naming the aggregation for an unknown type, a missing or
     *     doubled type, or a malformed name
     */
    public static List<AggregationSpec> parse(@Nullable JsonNode aggregations) {
        List<AggregationSpec> out = new ArrayList<>();
        if (aggregations == null || aggregations.isNull()) {
            return out;
        }
        if (!aggregations.isObject()) {
            throw IndexException.parsing("[aggs] must be an object of named aggregations");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = aggregations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            out.add(parseOne(entry.getKey(), entry.getValue()));
        }
        return out;
    }

    private static AggregationSpec parseOne(String name, JsonNode definition) {
        if (name.contains("[") || name.contains("]") || name.contains(">")) {
            throw IndexException.parsing("Invalid aggregation name [" + name + "]. Aggregation names can contain any"
                    + " character except '[', ']', and '>'");
        }
        if (!definition.isObject()) {
            throw IndexException.parsing("Expected [START_OBJECT] under [" + name + "], but got a ["
                    + definition.getNodeType() + "] in [" + name + "]");
        }
        String type = null;
        JsonNode body = null;
        List<AggregationSpec> subs = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = definition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            if (key.equals("aggs") || key.equals("aggregations")) {
                subs = parse(entry.getValue());
            } else if (key.equals("meta")) {
                continue;
            } else if (type != null) {
                throw IndexException.parsing(
                        "Found two aggregation type definitions in [" + name + "]: [" + type + "] and [" + key + "]");
            } else if (!TYPES.contains(key)) {
                throw IndexException.parsing("Unknown aggregation type [" + key + "] in [" + name + "]; supported"
                        + " types are " + new java.util.TreeSet<>(TYPES));
            } else {
                type = key;
                body = entry.getValue();
            }
        }
        if (type == null) {
            throw IndexException.parsing("Missing definition for aggregation [" + name + "]");
        }
        if (!body.isObject() || !body.hasNonNull("field")) {
            throw IndexException.parsing("[" + type + "] aggregation [" + name + "] requires a [field]");
        }
        if (!subs.isEmpty() && !BUCKET_TYPES.contains(type)) {
            throw IndexException.parsing(
                    "Aggregator [" + name + "] of type [" + type + "] cannot accept" + " sub-aggregations");
        }
        return new AggregationSpec(name, type, body, subs);
    }
}
