package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One parsed aggregation of a request.
 *
 * @param name the name the response uses
 * @param type the aggregation type, such as {@code terms}
 * @param body the type's options, such as {@code {"field":"status","size":5}}
 * @param subAggregations the aggregations computed inside each bucket
 */
public record AggregationSpec(String name, String type, JsonNode body, List<AggregationSpec> subAggregations) {
    /** Creates a spec, copying the sub-aggregations. */
    public AggregationSpec {
        subAggregations = List.copyOf(subAggregations);
    }
}
