package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.aggs.AggregationParser;
import org.certbound.server.index.aggs.AggregationSpec;
import org.jspecify.annotations.Nullable;

/**
 * A parsed search: the body of {@code _search} combined with its URL parameters, where a parameter overrides the
 * body as in Elasticsearch.
 *
 * @param query the query in the DSL, or null for {@code match_all}
 * @param queryText the {@code q=} query-string text, or null
 * @param from the first hit to return
 * @param size the number of hits to return
 * @param sort the sort keys; empty means by score
 * @param source which source to return
 * @param trackTotalHits how many hits to count exactly: {@link #TOTAL_HITS_DISABLED}, a threshold, or
 *     {@link Integer#MAX_VALUE} for all
 * @param searchAfter the sort values to continue after, or null
 * @param aggregations the aggregations
 * @param trackScores whether to compute scores when sorting by a field
 * @param version whether hits include {@code _version}
 */
public record SearchRequest(
        @Nullable JsonNode query,
        @Nullable String queryText,
        int from,
        int size,
        List<SortSpec> sort,
        SourceFilter source,
        int trackTotalHits,
        @Nullable List<JsonNode> searchAfter,
        List<AggregationSpec> aggregations,
        boolean trackScores,
        boolean version) {

    /** The {@code trackTotalHits} value that leaves {@code hits.total} out. */
    public static final int TOTAL_HITS_DISABLED = -1;

    /** The default {@code track_total_hits}: count exactly up to 10,000 hits. */
    public static final int DEFAULT_TRACK_TOTAL_HITS = 10_000;

    private static final Set<String> BODY_KEYS = Set.of(
            "query",
            "from",
            "size",
            "sort",
            "_source",
            "track_total_hits",
            "search_after",
            "aggs",
            "aggregations",
            "track_scores",
            "version",
            "timeout",
            "stored_fields",
            "explain",
            "seq_no_primary_term",
            "profile");

    /**
     * Parses a search body and its parameters.
     *
     * @throws IndexException {@code parsing_exception} for an unknown key or a malformed value
     */
    public static SearchRequest parse(@Nullable JsonNode body, SearchParameters parameters) {
        JsonNode json = body == null || body.isNull() ? com.fasterxml.jackson.databind.node.NullNode.instance : body;
        if (!json.isNull() && !json.isObject()) {
            throw IndexException.parsing("the search body must be a JSON object");
        }
        checkKeys(json);
        int from = intValue(parameters.integer("from"), json, "from", 0);
        int size = intValue(parameters.integer("size"), json, "size", 10);
        List<SortSpec> sort = parameters.get("sort") != null
                ? SortSpec.parseParameter(parameters.get("sort"))
                : SortSpec.parse(json.get("sort"));
        return new SearchRequest(
                json.get("query"),
                parameters.get("q"),
                from,
                size,
                sort,
                source(json, parameters),
                trackTotalHits(parameters.get("track_total_hits"), json.get("track_total_hits")),
                searchAfter(json.get("search_after")),
                AggregationParser.parse(json.has("aggs") ? json.get("aggs") : json.get("aggregations")),
                json.path("track_scores").asBoolean(false),
                parameters.flag("version", json.path("version").asBoolean(false)));
    }

    private static void checkKeys(JsonNode json) {
        for (Iterator<String> keys = json.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!BODY_KEYS.contains(key)) {
                String kind = json.get(key).isObject()
                        ? "START_OBJECT"
                        : json.get(key).isArray() ? "START_ARRAY" : "VALUE";
                throw IndexException.parsing("Unknown key for a " + kind + " in [" + key + "].");
            }
        }
        if (json.path("explain").asBoolean(false) || json.path("profile").asBoolean(false)) {
            throw IndexException.illegalArgument("[explain] and [profile] are not supported");
        }
    }

    private static int intValue(@Nullable Integer parameter, JsonNode json, String key, int defaultValue) {
        int value;
        if (parameter != null) {
            value = parameter;
        } else if (json.has(key)) {
            if (!json.get(key).canConvertToInt()) {
                throw IndexException.parsing("[" + key + "] must be a whole number, found [" + json.get(key) + "]");
            }
            value = json.get(key).asInt();
        } else {
            value = defaultValue;
        }
        if (value < 0) {
            throw IndexException.illegalArgument("[" + key + "] parameter cannot be negative, found [" + value + "]");
        }
        return value;
    }

    private static SourceFilter source(JsonNode json, SearchParameters parameters) {
        String includes = parameters.get("_source_includes");
        String excludes = parameters.get("_source_excludes");
        String sourceParameter = parameters.get("_source");
        if (includes != null || excludes != null) {
            return SourceFilter.of(SourceFilter.splitPatterns(includes), SourceFilter.splitPatterns(excludes));
        }
        if (sourceParameter != null) {
            if (sourceParameter.equals("false")) {
                return SourceFilter.NONE;
            }
            return sourceParameter.equals("true")
                    ? SourceFilter.ALL
                    : SourceFilter.of(SourceFilter.splitPatterns(sourceParameter), List.of());
        }
        return SourceFilter.parse(json.get("_source"));
    }

    private static int trackTotalHits(@Nullable String parameter, @Nullable JsonNode body) {
        String value = parameter != null ? parameter : body == null || body.isNull() ? null : body.asText();
        if (value == null) {
            return DEFAULT_TRACK_TOTAL_HITS;
        } else if (value.equals("true")) {
            return Integer.MAX_VALUE;
        } else if (value.equals("false")) {
            return TOTAL_HITS_DISABLED;
        }
        try {
            int threshold = Integer.parseInt(value);
            if (threshold < 0) {
                throw IndexException.illegalArgument(
                        "[track_total_hits] parameter must be positive or equals to -1," + " got " + threshold);
            }
            return threshold;
        } catch (NumberFormatException e) {
            throw IndexException.parsing("[track_total_hits] must be true, false or a number, found [" + value + "]");
        }
    }

    private static @Nullable List<JsonNode> searchAfter(@Nullable JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isArray() || json.isEmpty()) {
            throw IndexException.parsing("[search_after] must be a non-empty array of sort values");
        }
        List<JsonNode> values = new ArrayList<>();
        json.forEach(values::add);
        return values;
    }
}
