package org.certbound.benchmarks.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.sample.SampleLogs;
import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Search latency of the engine against bare Lucene on the sample logs, per query shape. Each engine method is one
 * {@link SearchService#search} call from a parsed JSON body to the response tree; each Lucene method runs the same
 * Lucene query with the same analyzer and loads the same stored sources or computes the same aggregation.
 *
 * <p>Sample time mode reports the mean and the p50 and p99 percentiles; queries per second are 1 / mean on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SearchBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FROM = Instant.parse("2026-01-10T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2026-01-20T00:00:00Z").toEpochMilli();

    @Param({"100000"})
    public int documents;

    /**
     * Segments that both indices are force-merged to after loading, so both sides search the same number; 0 keeps
     * the segments of the load, where the engine's near-real-time reopens every 10,000 writes leave more of them.
     */
    @Param({"1"})
    public int maxSegments;

    private IndicesService indices;
    private SearchService search;
    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;
    private JsonNode matchBody;
    private JsonNode filterSortBody;
    private JsonNode termsBody;
    private JsonNode histogramBody;

    @Setup(Level.Trial)
    public void open() throws IOException {
        indices = BenchmarkData.engine(documents, SampleLogs.DEFAULT_SEED, maxSegments);
        search = new SearchService(indices);
        directory = BenchmarkData.lucene(documents, SampleLogs.DEFAULT_SEED, maxSegments);
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
        matchBody = JSON.readTree("{\"query\":{\"match\":{\"message\":\"checkout login\"}}}");
        filterSortBody = JSON.readTree("{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"status\":404}},"
                + "{\"range\":{\"@timestamp\":{\"gte\":\"2026-01-10T00:00:00Z\",\"lt\":\"2026-01-20T00:00:00Z\"}}}]}},"
                + "\"sort\":[{\"@timestamp\":\"desc\"}]}");
        termsBody = JSON.readTree("{\"size\":0,\"aggs\":{\"paths\":{\"terms\":{\"field\":\"path\",\"size\":10}}}}");
        histogramBody = JSON.readTree("{\"size\":0,\"query\":{\"term\":{\"method\":\"GET\"}},\"aggs\":{\"per_day\":"
                + "{\"date_histogram\":{\"field\":\"@timestamp\",\"calendar_interval\":\"day\"},"
                + "\"aggs\":{\"avg_bytes\":{\"avg\":{\"field\":\"bytes\"}}}}}}");
        checkSameResults();
        System.out.println(
                "segments: engine [" + indices.shard(BenchmarkData.INDEX).segmentCount() + "], Lucene ["
                        + reader.leaves().size() + "]");
    }

    // A comparison is only fair when both sides compute the same result, so the trial fails when they differ.
    private void checkSameResults() throws IOException {
        long engineTotal = engineMatchTotal();
        long luceneTotal = searcher.count(matchQuery());
        if (engineTotal != luceneTotal) {
            throw new IllegalStateException(
                    "match hit counts differ: engine [" + engineTotal + "], Lucene [" + luceneTotal + "]");
        }
        JsonNode engineBuckets = search.search(BenchmarkData.INDEX, termsBody, SearchParameters.NONE)
                .at("/aggregations/paths/buckets");
        var luceneBuckets = searcher.search(new MatchAllDocsQuery(), LuceneAggregations.keywordCounts("path", 10));
        for (int i = 0; i < luceneBuckets.size(); i++) {
            if (!engineBuckets
                            .get(i)
                            .get("key")
                            .asText()
                            .equals(luceneBuckets.get(i).getKey())
                    || engineBuckets.get(i).get("doc_count").asLong()
                            != luceneBuckets.get(i).getValue()) {
                throw new IllegalStateException("terms buckets differ at [" + i + "]: engine [" + engineBuckets.get(i)
                        + "], Lucene [" + luceneBuckets.get(i) + "]");
            }
        }
    }

    private long engineMatchTotal() {
        return search.search(
                        BenchmarkData.INDEX,
                        matchBody,
                        SearchParameters.of(java.util.Map.of("track_total_hits", "true")))
                .at("/hits/total/value")
                .asLong();
    }

    private static Query matchQuery() {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term("message", "checkout")), BooleanClause.Occur.SHOULD)
                .add(new TermQuery(new Term("message", "login")), BooleanClause.Occur.SHOULD)
                .build();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        reader.close();
        directory.close();
        indices.close();
    }

    @Benchmark
    public Object engineMatch() {
        return search.search(BenchmarkData.INDEX, matchBody, SearchParameters.NONE);
    }

    @Benchmark
    public void luceneMatch(Blackhole blackhole) throws IOException {
        TopDocs docs = searcher.search(matchQuery(), new TopScoreDocCollectorManager(10, null, 10_000));
        fetch(docs, blackhole);
    }

    @Benchmark
    public Object engineFilterSort() {
        return search.search(BenchmarkData.INDEX, filterSortBody, SearchParameters.NONE);
    }

    @Benchmark
    public void luceneFilterSort(Blackhole blackhole) throws IOException {
        Query query = new BooleanQuery.Builder()
                .add(LongPoint.newExactQuery("status", 404), BooleanClause.Occur.FILTER)
                .add(LongPoint.newRangeQuery("@timestamp", FROM, TO - 1), BooleanClause.Occur.FILTER)
                .build();
        Sort sort = new Sort(new SortedNumericSortField("@timestamp", SortField.Type.LONG, true));
        TopDocs docs = searcher.search(query, new TopFieldCollectorManager(sort, 10, null, 10_000));
        fetch(docs, blackhole);
    }

    @Benchmark
    public Object engineTermsAggregation() {
        return search.search(BenchmarkData.INDEX, termsBody, SearchParameters.NONE);
    }

    @Benchmark
    public Object luceneTermsAggregation() throws IOException {
        return searcher.search(new MatchAllDocsQuery(), LuceneAggregations.keywordCounts("path", 10));
    }

    @Benchmark
    public Object engineDateHistogram() {
        return search.search(BenchmarkData.INDEX, histogramBody, SearchParameters.NONE);
    }

    @Benchmark
    public Object luceneDateHistogram() throws IOException {
        return searcher.search(
                new TermQuery(new Term("method", "GET")), LuceneAggregations.dailyAverage("@timestamp", "bytes"));
    }

    private void fetch(TopDocs docs, Blackhole blackhole) throws IOException {
        StoredFields storedFields = searcher.storedFields();
        for (ScoreDoc scoreDoc : docs.scoreDocs) {
            blackhole.consume(storedFields.document(scoreDoc.doc).getBinaryValue("_source"));
        }
        blackhole.consume(docs.totalHits);
    }
}
