package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.util.BytesRef;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.aggs.Aggregations;
import org.certbound.server.index.aggs.ShardAggregationContext;
import org.jspecify.annotations.Nullable;

/**
 * The query and fetch phases of one search: it collects the top hits of each index, merges them, then loads the
 * sources of the requested page. Searchers stay acquired between the phases, so both see the same point in time.
 */
final class ShardSearch {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FETCHED_FIELDS = Set.of("_id", "_source");

    private final SearchRequest request;
    private final Aggregations aggregations;
    private final List<SearchService.ShardTarget> targets = new ArrayList<>();
    private final List<IndexSearcher> searchers = new ArrayList<>();
    private final List<TopDocs> shardDocs = new ArrayList<>();
    private @Nullable Sort mergeSort;
    private long totalHits;
    private boolean totalHitsExact = true;

    ShardSearch(SearchRequest request, Aggregations aggregations) {
        this.request = request;
        this.aggregations = aggregations;
    }

    void run(List<SearchService.ShardTarget> shardTargets) throws IOException {
        int numHits = Math.max(1, request.from() + request.size());
        for (int i = 0; i < shardTargets.size(); i++) {
            SearchService.ShardTarget target = shardTargets.get(i);
            IndexSearcher searcher = target.shard().acquireSearcher();
            targets.add(target);
            searchers.add(searcher);
            Sort sort = SortFields.toSort(request.sort(), target.context());
            if (i == 0) {
                mergeSort = sort;
            } else if (!sameSortTypes(mergeSort, sort)) {
                throw IndexException.illegalArgument("Can't sort on " + request.sort() + " across indices whose"
                        + " mappings give the sort fields different types");
            }
            TopDocs docs = collect(target, searcher, sort, numHits);
            for (ScoreDoc scoreDoc : docs.scoreDocs) {
                scoreDoc.shardIndex = i;
            }
            shardDocs.add(docs);
            totalHits += docs.totalHits.value;
            if (docs.totalHits.relation == TotalHits.Relation.GREATER_THAN_OR_EQUAL_TO) {
                totalHitsExact = false;
            }
        }
    }

    private TopDocs collect(SearchService.ShardTarget target, IndexSearcher searcher, @Nullable Sort sort, int numHits)
            throws IOException {
        if (request.size() == 0 && request.searchAfter() == null) {
            return countOnly(target, searcher, sort);
        }
        ScoreDoc after = request.searchAfter() == null ? null : SortFields.after(request.searchAfter(), sort);
        int threshold = Math.max(1, request.trackTotalHits());
        CollectorManager<?, ? extends TopDocs> top = sort == null
                ? new TopScoreDocCollectorManager(numHits, after, threshold)
                : new TopFieldCollectorManager(sort, numHits, (FieldDoc) after, threshold);
        Query query = target.query();
        TopDocs docs;
        if (aggregations.isEmpty()) {
            docs = searcher.search(query, top);
        } else {
            ShardAggregationContext context = new ShardAggregationContext(target.context());
            Object[] results =
                    searcher.search(query, new MultiCollectorManager(top, aggregations.collectorManager(context)));
            docs = (TopDocs) results[0];
        }
        if (sort != null && request.trackScores()) {
            TopFieldCollector.populateScores(docs.scoreDocs, searcher, query);
        }
        return docs;
    }

    // Without hits to return, only the count and the aggregations are needed, so no document is scored.
    private TopDocs countOnly(SearchService.ShardTarget target, IndexSearcher searcher, @Nullable Sort sort)
            throws IOException {
        long count;
        if (aggregations.isEmpty()) {
            count = searcher.count(target.query());
        } else {
            // The aggregation collector counts what it collects, so no second collector is needed.
            ShardAggregationContext context = new ShardAggregationContext(target.context());
            count = searcher.search(target.query(), aggregations.collectorManager(context));
        }
        TotalHits total = new TotalHits(count, TotalHits.Relation.EQUAL_TO);
        return sort == null
                ? new TopDocs(total, new ScoreDoc[0])
                : new TopFieldDocs(total, new ScoreDoc[0], sort.getSort());
    }

    private static boolean sameSortTypes(@Nullable Sort first, @Nullable Sort other) {
        if (first == null || other == null) {
            return first == other;
        }
        if (first.getSort().length != other.getSort().length) {
            return false;
        }
        for (int i = 0; i < first.getSort().length; i++) {
            if (first.getSort()[i].getClass() != other.getSort()[i].getClass()
                    || first.getSort()[i].getType() != other.getSort()[i].getType()) {
                return false;
            }
        }
        return true;
    }

    // Counts above the tracking threshold are reported as the threshold and a lower bound, as in Elasticsearch.
    long totalHits() {
        return Math.min(totalHits, Math.max(0, request.trackTotalHits()));
    }

    boolean totalHitsExact() {
        return totalHitsExact && totalHits <= request.trackTotalHits();
    }

    float maxScore() {
        float max = Float.NaN;
        for (TopDocs docs : shardDocs) {
            for (ScoreDoc scoreDoc : docs.scoreDocs) {
                if (!Float.isNaN(scoreDoc.score) && (Float.isNaN(max) || scoreDoc.score > max)) {
                    max = scoreDoc.score;
                }
            }
        }
        return max;
    }

    List<SearchHit> fetchHits() throws IOException {
        if (shardDocs.isEmpty() || request.size() == 0) {
            return List.of();
        }
        TopDocs merged = mergeSort == null
                ? TopDocs.merge(request.from(), request.size(), shardDocs.toArray(new TopDocs[0]))
                : TopDocs.merge(mergeSort, request.from(), request.size(), shardDocs.toArray(new TopFieldDocs[0]));
        List<SearchHit> hits = new ArrayList<>();
        for (ScoreDoc scoreDoc : merged.scoreDocs) {
            hits.add(fetch(scoreDoc));
        }
        return hits;
    }

    private SearchHit fetch(ScoreDoc scoreDoc) throws IOException {
        SearchService.ShardTarget target = targets.get(scoreDoc.shardIndex);
        IndexSearcher searcher = searchers.get(scoreDoc.shardIndex);
        Document document = searcher.storedFields().document(scoreDoc.doc, FETCHED_FIELDS);
        JsonNode source = null;
        if (request.source().fetch()) {
            BytesRef bytes = document.getBinaryValue("_source");
            JsonNode full = JSON.readTree(bytes.bytes, bytes.offset, bytes.length);
            source = request.source().apply(target.access().fieldSecurity().filterSource(full));
        }
        long version = request.version() ? version(searcher, scoreDoc.doc) : -1;
        List<Object> sortValues = new ArrayList<>();
        if (mergeSort != null && scoreDoc instanceof FieldDoc fieldDoc) {
            for (Object value : fieldDoc.fields) {
                sortValues.add(SortFields.toJsonValue(value));
            }
        }
        return new SearchHit(target.shard().name(), document.get("_id"), scoreDoc.score, version, source, sortValues);
    }

    private static long version(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        NumericDocValues versions = leaf.reader().getNumericDocValues("_version");
        return versions != null && versions.advanceExact(doc - leaf.docBase) ? versions.longValue() : -1;
    }

    void releaseAll() {
        for (int i = 0; i < searchers.size(); i++) {
            targets.get(i).shard().release(searchers.get(i));
        }
    }
}
