package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of a search over one cluster's indices, before rendering.
 *
 * @param tookMillis the time the search took
 * @param shards the number of shards searched
 * @param totalHits the number of matching documents, exact up to the tracking threshold; -1 when not tracked
 * @param totalHitsExact whether {@code totalHits} is exact ({@code eq}) or a lower bound ({@code gte})
 * @param maxScore the best score, or NaN when there are no hits or scores were not computed
 * @param hits the requested page of hits
 * @param aggregations the rendered {@code aggregations} object, or null when the request had none
 */
public record SearchResult(
        long tookMillis,
        int shards,
        long totalHits,
        boolean totalHitsExact,
        float maxScore,
        List<SearchHit> hits,
        @Nullable ObjectNode aggregations) {

    /** Creates a result, copying the hits. */
    public SearchResult {
        hits = List.copyOf(hits);
    }

    /**
     * Renders Elasticsearch's search response: {@code took}, {@code timed_out}, {@code _shards}, {@code hits} and
     * {@code aggregations}.
     *
     * @param totalHitsAsInt whether {@code hits.total} is a number rather than {@code {value, relation}}
     */
    public ObjectNode toJson(boolean totalHitsAsInt) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("took", tookMillis);
        json.put("timed_out", false);
        ObjectNode shardsNode = json.putObject("_shards");
        shardsNode.put("total", shards);
        shardsNode.put("successful", shards);
        shardsNode.put("skipped", 0);
        shardsNode.put("failed", 0);
        ObjectNode hitsNode = json.putObject("hits");
        if (totalHits >= 0) {
            if (totalHitsAsInt) {
                hitsNode.put("total", totalHits);
            } else {
                ObjectNode total = hitsNode.putObject("total");
                total.put("value", totalHits);
                total.put("relation", totalHitsExact ? "eq" : "gte");
            }
        }
        putScore(hitsNode, "max_score", maxScore);
        ArrayNode array = hitsNode.putArray("hits");
        hits.forEach(hit -> array.add(renderHit(hit)));
        if (aggregations != null) {
            json.set("aggregations", aggregations);
        }
        return json;
    }

    private static ObjectNode renderHit(SearchHit hit) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_index", hit.index());
        json.put("_id", hit.id());
        if (hit.version() >= 0) {
            json.put("_version", hit.version());
        }
        putScore(json, "_score", hit.score());
        if (hit.source() != null) {
            json.set("_source", hit.source());
        }
        if (!hit.sortValues().isEmpty()) {
            ArrayNode sort = json.putArray("sort");
            for (Object value : hit.sortValues()) {
                addSortValue(sort, value);
            }
        }
        return json;
    }

    private static void addSortValue(ArrayNode sort, @Nullable Object value) {
        if (value == null) {
            sort.addNull();
        } else if (value instanceof Long number) {
            sort.add(number);
        } else if (value instanceof Integer number) {
            sort.add(number);
        } else if (value instanceof Double number) {
            sort.add(number);
        } else if (value instanceof Float number) {
            sort.add(number);
        } else {
            sort.add(value.toString());
        }
    }

    private static void putScore(ObjectNode json, String key, float score) {
        if (Float.isNaN(score)) {
            json.putNull(key);
        } else {
            json.put(key, score);
        }
    }
}
