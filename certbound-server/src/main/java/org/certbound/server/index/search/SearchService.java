package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexShard;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.aggs.Aggregations;
import org.certbound.server.index.mapping.Mappings;
import org.certbound.server.index.query.QueryContext;
import org.certbound.server.index.query.QueryDslParser;
import org.certbound.server.index.query.QueryStringQueries;
import org.certbound.server.index.security.IndexAccess;
import org.certbound.server.index.security.IndexAccessControl;
import org.certbound.server.settings.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code _search} and {@code _count} over the indices of an expression. Each index is searched in turn with the
 * query translated for its mapping, the per-index top hits are merged, and aggregations collect across all of them.
 *
 * <p>Security: every entry point takes an {@link IndexAccessControl}. For each index, the caller's document-level
 * security queries are added as filters (a document must match all of them), and fields that field-level security
 * hides are removed from {@code _source} and treated as unmapped by the query, the sort and the aggregations.
 */
public final class SearchService {
    private final IndicesService indices;
    private final IntSupplier maxBuckets;

    /** Creates the search service over a node's indices, with the default of {@code search.max_buckets}. */
    public SearchService(IndicesService indices) {
        this(indices, () -> SearchSettings.MAX_BUCKETS.get(Settings.EMPTY));
    }

    /**
     * Creates the search service over a node's indices.
     *
     * @param indices the node's indices
     * @param maxBuckets the current {@code search.max_buckets}, read once per search
     */
    public SearchService(IndicesService indices, IntSupplier maxBuckets) {
        this.indices = indices;
        this.maxBuckets = maxBuckets;
    }

    /** Runs a search without access restrictions and renders Elasticsearch's response. */
    public ObjectNode search(@Nullable String expression, @Nullable JsonNode body, SearchParameters parameters) {
        return search(expression, body, parameters, IndexAccessControl.UNRESTRICTED);
    }

    /** Runs a search under the caller's access and renders Elasticsearch's response. */
    public ObjectNode search(
            @Nullable String expression,
            @Nullable JsonNode body,
            SearchParameters parameters,
            IndexAccessControl access) {
        SearchRequest request = SearchRequest.parse(body, parameters);
        return execute(expression, request, parameters, access).toJson(parameters.totalHitsAsInt());
    }

    /**
     * Runs a search under the caller's access and renders its aggregations in the mergeable form of {@link
     * Aggregations#renderPartial()}, for a coordinator that merges them with the aggregations of other clusters.
     */
    public ObjectNode searchWithPartialAggregations(
            @Nullable String expression,
            @Nullable JsonNode body,
            SearchParameters parameters,
            IndexAccessControl access) {
        SearchRequest request = SearchRequest.parse(body, parameters);
        return execute(expression, request, parameters, access, true).toJson(parameters.totalHitsAsInt());
    }

    /**
     * Runs a search and returns the result before rendering, with the raw sort values of every hit, so that a
     * cross-cluster coordinator can merge the results of several clusters.
     */
    public SearchResult execute(
            @Nullable String expression,
            SearchRequest request,
            SearchParameters parameters,
            IndexAccessControl access) {
        return execute(expression, request, parameters, access, false);
    }

    private SearchResult execute(
            @Nullable String expression,
            SearchRequest request,
            SearchParameters parameters,
            IndexAccessControl access,
            boolean partialAggregations) {
        long start = System.nanoTime();
        List<IndexShard> shards = indices.resolve(expression, parameters.indicesOptions(), access::isVisible);
        List<ShardTarget> targets = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (IndexShard shard : shards) {
            IndexAccess indexAccess = access.forIndex(shard.name());
            QueryContext context = queryContext(shard, indexAccess, now);
            targets.add(new ShardTarget(
                    shard, indexAccess, context, buildQuery(request, parameters, shard, indexAccess, context, now)));
        }
        if (shards.isEmpty()) {
            validateWithoutIndices(request, parameters, now, maxBuckets.getAsInt());
        }
        checkResultWindow(request, shards);
        Aggregations aggregations = Aggregations.create(request.aggregations(), maxBuckets.getAsInt());
        ShardSearch search = new ShardSearch(request, aggregations);
        try {
            search.run(targets);
            List<SearchHit> hits = search.fetchHits();
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            return new SearchResult(
                    tookMillis,
                    shards.size(),
                    request.trackTotalHits() == SearchRequest.TOTAL_HITS_DISABLED ? -1 : search.totalHits(),
                    search.totalHitsExact(),
                    search.maxScore(),
                    hits,
                    aggregations.isEmpty() ? null : render(aggregations, parameters, partialAggregations));
        } catch (IOException e) {
            throw new UncheckedIOException("search failed on [" + expression + "]", e);
        } finally {
            search.releaseAll();
        }
    }

    private static ObjectNode render(Aggregations aggregations, SearchParameters parameters, boolean partial) {
        return partial ? aggregations.renderPartial() : aggregations.render(parameters.typedKeys());
    }

    /**
     * Runs {@code _count}: the body may hold only {@code query}; {@code q=} is honoured.
     *
     * @return {@code {"count":N,"_shards":{...}}}
     */
    public ObjectNode count(
            @Nullable String expression,
            @Nullable JsonNode body,
            SearchParameters parameters,
            IndexAccessControl access) {
        if (body != null && !body.isNull()) {
            body.fieldNames().forEachRemaining(key -> {
                if (!key.equals("query")) {
                    throw IndexException.parsing("request does not support [" + key + "]");
                }
            });
        }
        List<IndexShard> shards = indices.resolve(expression, parameters.indicesOptions(), access::isVisible);
        long now = System.currentTimeMillis();
        SearchRequest request = SearchRequest.parse(body, parameters);
        if (shards.isEmpty()) {
            validateWithoutIndices(request, parameters, now, maxBuckets.getAsInt());
        }
        long count = 0;
        for (IndexShard shard : shards) {
            IndexAccess indexAccess = access.forIndex(shard.name());
            QueryContext context = queryContext(shard, indexAccess, now);
            Query query = buildQuery(request, parameters, shard, indexAccess, context, now);
            IndexSearcher searcher = shard.acquireSearcher();
            try {
                count += searcher.count(query);
            } catch (IOException e) {
                throw new UncheckedIOException("count failed on [" + shard.name() + "]", e);
            } finally {
                shard.release(searcher);
            }
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("count", count);
        ObjectNode shardsNode = json.putObject("_shards");
        shardsNode.put("total", shards.size());
        shardsNode.put("successful", shards.size());
        shardsNode.put("skipped", 0);
        shardsNode.put("failed", 0);
        return json;
    }

    /** One index to search, with its translated query. */
    record ShardTarget(IndexShard shard, IndexAccess access, QueryContext context, Query query) {}

    private static QueryContext queryContext(IndexShard shard, IndexAccess access, long now) {
        return new QueryContext(
                shard.name(),
                shard.metadata().uuid(),
                shard.metadata().mappings(),
                access.fieldSecurity()::isVisible,
                now);
    }

    private static Query buildQuery(
            SearchRequest request,
            SearchParameters parameters,
            IndexShard shard,
            IndexAccess access,
            QueryContext context,
            long now) {
        Query query;
        if (request.queryText() != null) {
            String field = parameters.get("df") == null ? "*" : parameters.get("df");
            String operator = parameters.get("default_operator") == null ? "or" : parameters.get("default_operator");
            query = new QueryStringQueries(context)
                    .parse(request.queryText(), List.of(field), operator, parameters.flag("lenient", false));
        } else {
            query = new QueryDslParser(context).parse(request.query());
        }
        if (access.documentQueries().isEmpty()) {
            return query;
        }
        // Document-level security queries see every field, whatever field-level security hides from the caller.
        QueryContext unrestricted = new QueryContext(
                shard.name(), shard.metadata().uuid(), shard.metadata().mappings(), field -> true, now);
        BooleanQuery.Builder restricted = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        for (JsonNode documentQuery : access.documentQueries()) {
            restricted.add(new QueryDslParser(unrestricted).parse(documentQuery), BooleanClause.Occur.FILTER);
        }
        return restricted.build();
    }

    // A malformed query is an error even when the expression matched no index, as in Elasticsearch.
    private static void validateWithoutIndices(
            SearchRequest request, SearchParameters parameters, long now, int maxBuckets) {
        QueryContext empty = new QueryContext("_na_", "_na_", Mappings.empty(), field -> true, now);
        if (request.queryText() != null) {
            new QueryStringQueries(empty).parse(request.queryText(), List.of("*"), "or", true);
        } else {
            new QueryDslParser(empty).parse(request.query());
        }
        Aggregations.create(request.aggregations(), maxBuckets);
    }

    private static void checkResultWindow(SearchRequest request, List<IndexShard> shards) {
        for (IndexShard shard : shards) {
            int window = shard.metadata().settings().maxResultWindow();
            long requested = (long) request.from() + request.size();
            if (requested > window) {
                throw IndexException.illegalArgument("Result window is too large, from + size must be less than or"
                        + " equal to: [" + window + "] but was [" + requested + "]. This limit can be set by changing"
                        + " the [index.max_result_window] index level setting of [" + shard.name() + "].");
            }
        }
    }
}
