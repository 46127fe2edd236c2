package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.certbound.server.index.aggs.AggregationParser;
import org.certbound.server.index.aggs.AggregationSpec;
import org.certbound.server.index.aggs.Aggregations;
import org.jspecify.annotations.Nullable;

/**
 * Merges the search or count responses of several clusters into one response in Elasticsearch's shape.
 *
 * <p>Hits are merged by the request's sort, or by score when it has none, and then cut to the
 * request's {@code from} and {@code size}; every cluster must therefore have been asked for {@code
 * from + size} hits starting at 0. A remote hit's {@code _index} becomes {@code <alias>:<index>}.
 * Totals and shard counts are summed over the clusters that answered, and {@code _clusters} reports
 * every cluster, with the failure reason of each skipped or failed one.
 *
 * <p>Aggregations are merged from the partial form that every cluster renders when the coordinator requests it (see
 * {@link org.certbound.server.index.aggs.Aggregations#renderPartial()}), so the merged result equals what one cluster
 * holding all the documents would return, within the {@code doc_count_error_upper_bound} of {@code terms}. A skipped
 * cluster contributes nothing.
 */
public final class SearchResponseMerger {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_SIZE = 10;

    private SearchResponseMerger() {}

    /**
     * Merges search responses.
     *
     * @param request the original search body (for {@code from}, {@code size} and {@code sort})
     * @param outcomes one outcome per cluster, local first
     * @param tookMillis the wall time of the whole search
     * @param typedKeys whether aggregation names carry their type prefix
     * @param maxBuckets the number of buckets the merged aggregations may create ({@code search.max_buckets})
     * @return the merged {@code _search} response
     * @throws org.certbound.server.index.IndexException when the request's aggregations do not parse, or {@code
     *     too_many_buckets_exception} when merging them needs more than {@code maxBuckets} buckets
     */
    public static ObjectNode mergeSearch(
            JsonNode request, List<ClusterOutcome> outcomes, long tookMillis, boolean typedKeys, int maxBuckets) {
        ObjectNode merged = MAPPER.createObjectNode();
        merged.put("took", tookMillis);
        merged.put("timed_out", anyTimedOut(outcomes));
        merged.set("_shards", sumShards(outcomes));
        merged.set("_clusters", clusters(outcomes));
        merged.set("hits", mergeHits(request, outcomes));
        JsonNode aggregations = mergeAggregations(request, outcomes, typedKeys, maxBuckets);
        if (aggregations != null) {
            merged.set("aggregations", aggregations);
        }
        return merged;
    }

    /**
     * Merges count responses.
     *
     * @param outcomes one outcome per cluster
     * @return the merged {@code _count} response
     */
    public static ObjectNode mergeCount(List<ClusterOutcome> outcomes) {
        long count = 0;
        for (ClusterOutcome outcome : outcomes) {
            if (outcome.response() != null) {
                count += outcome.response().path("count").asLong();
            }
        }
        ObjectNode merged = MAPPER.createObjectNode();
        merged.put("count", count);
        merged.set("_shards", sumShards(outcomes));
        merged.set("_clusters", clusters(outcomes));
        return merged;
    }

    private static ObjectNode mergeHits(JsonNode request, List<ClusterOutcome> outcomes) {
        List<JsonNode> hits = new ArrayList<>();
        long total = 0;
        boolean totalPresent = false;
        boolean lowerBound = false;
        Double maxScore = null;
        for (ClusterOutcome outcome : outcomes) {
            JsonNode response = outcome.response();
            if (response == null) {
                continue;
            }
            JsonNode clusterHits = response.path("hits");
            JsonNode clusterTotal = clusterHits.path("total");
            if (clusterTotal.isObject()) {
                totalPresent = true;
                total += clusterTotal.path("value").asLong();
                lowerBound |= clusterTotal.path("relation").asText("eq").equals("gte");
            }
            JsonNode score = clusterHits.path("max_score");
            if (score.isNumber()) {
                maxScore = maxScore == null ? score.doubleValue() : Math.max(maxScore, score.doubleValue());
            }
            for (JsonNode hit : clusterHits.path("hits")) {
                hits.add(qualify(outcome.alias(), hit));
            }
        }

        Comparator<JsonNode> order =
                SortSpec.of(request).map(SortSpec::hitComparator).orElseGet(SortSpec::scoreComparator);
        // List.sort is stable, so equal hits keep cluster order and each cluster's own order.
        hits.sort(order);
        int from = Math.max(0, request.path("from").asInt(0));
        int size = Math.max(0, request.path("size").asInt(DEFAULT_SIZE));

        ObjectNode merged = MAPPER.createObjectNode();
        if (totalPresent) {
            ObjectNode totalNode = merged.putObject("total");
            totalNode.put("value", total);
            totalNode.put("relation", lowerBound ? "gte" : "eq");
        }
        if (maxScore == null) {
            merged.putNull("max_score");
        } else {
            merged.put("max_score", maxScore);
        }
        ArrayNode page = merged.putArray("hits");
        hits.stream().skip(from).limit(size).forEach(page::add);
        return merged;
    }

    private static JsonNode qualify(String alias, JsonNode hit) {
        if (alias.equals(ClusterOutcome.LOCAL) || !hit.isObject()) {
            return hit;
        }
        ObjectNode copy = ((ObjectNode) hit).deepCopy();
        copy.put("_index", alias + ":" + hit.path("_index").asText());
        return copy;
    }

    private static boolean anyTimedOut(List<ClusterOutcome> outcomes) {
        return outcomes.stream()
                .anyMatch(o ->
                        o.response() != null && o.response().path("timed_out").asBoolean(false));
    }

    private static ObjectNode sumShards(List<ClusterOutcome> outcomes) {
        long total = 0;
        long successful = 0;
        long skipped = 0;
        long failed = 0;
        for (ClusterOutcome outcome : outcomes) {
            if (outcome.response() == null) {
                continue;
            }
            JsonNode shards = outcome.response().path("_shards");
            total += shards.path("total").asLong();
            successful += shards.path("successful").asLong();
            skipped += shards.path("skipped").asLong();
            failed += shards.path("failed").asLong();
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("total", total);
        node.put("successful", successful);
        node.put("skipped", skipped);
        node.put("failed", failed);
        return node;
    }

    private static ObjectNode clusters(List<ClusterOutcome> outcomes) {
        ObjectNode clusters = MAPPER.createObjectNode();
        clusters.put("total", outcomes.size());
        clusters.put("successful", count(outcomes, ClusterOutcome.Status.SUCCESSFUL));
        clusters.put("skipped", count(outcomes, ClusterOutcome.Status.SKIPPED));
        clusters.put("running", 0);
        clusters.put("partial", 0);
        clusters.put("failed", count(outcomes, ClusterOutcome.Status.FAILED));
        ObjectNode details = clusters.putObject("details");
        for (ClusterOutcome outcome : outcomes) {
            details.set(outcome.alias(), details(outcome));
        }
        return clusters;
    }

    private static ObjectNode details(ClusterOutcome outcome) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("status", outcome.status().jsonName());
        node.put("indices", outcome.indices());
        node.put("took", outcome.tookMillis());
        if (outcome.response() != null) {
            node.put("timed_out", outcome.response().path("timed_out").asBoolean(false));
            node.set("_shards", sumShards(List.of(outcome)));
            return node;
        }
        node.put("timed_out", false);
        ClusterOutcome.Failure failure = outcome.failure();
        ObjectNode entry = node.putArray("failures").addObject();
        entry.put("shard", -1);
        entry.putNull("index");
        ObjectNode reason = entry.putObject("reason");
        reason.put("type", failure.type());
        reason.put("reason", failure.reason());
        reason.put("reason_code", failure.reasonCode());
        return node;
    }

    private static int count(List<ClusterOutcome> outcomes, ClusterOutcome.Status status) {
        return (int) outcomes.stream().filter(o -> o.status() == status).count();
    }

    private static @Nullable JsonNode mergeAggregations(
            JsonNode request, List<ClusterOutcome> outcomes, boolean typedKeys, int maxBuckets) {
        JsonNode definitions = request.has("aggregations") ? request.get("aggregations") : request.get("aggs");
        List<AggregationSpec> specs = AggregationParser.parse(definitions);
        List<JsonNode> partials = outcomes.stream()
                .map(ClusterOutcome::response)
                .filter(response -> response != null)
                .map(response -> response.path("aggregations"))
                .toList();
        if (specs.isEmpty() || partials.isEmpty()) {
            return null;
        }
        return Aggregations.merge(specs, partials, typedKeys, maxBuckets);
    }
}
