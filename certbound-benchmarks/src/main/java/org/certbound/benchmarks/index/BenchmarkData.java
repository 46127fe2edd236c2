package org.certbound.benchmarks.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.sample.SampleLogs;

/**
 * The sample data loaded once into the engine and into a bare Lucene index, under
 * {@code <java.io.tmpdir>/certbound-bench/<count>-<seed>} as loaded, or {@code <count>-<seed>-merged<n>} when both
 * sides are force-merged to at most {@code n} segments after loading, and reused by later forks and runs.
 */
final class BenchmarkData {
    static final String INDEX = "logs";
    static final int BATCH_SIZE = 1000;

    private BenchmarkData() {}

    static Path directory(int count, long seed, int maxSegments) throws IOException {
        String name = count + "-" + seed + (maxSegments > 0 ? "-merged" + maxSegments : "");
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "certbound-bench", name);
        Files.createDirectories(directory);
        return directory;
    }

    /**
     * Opens the engine over the cached data, loading the sample logs first when they are missing and then
     * force-merging them to at most {@code maxSegments} segments unless it is 0.
     */
    static IndicesService engine(int count, long seed, int maxSegments) throws IOException {
        IndicesService indices =
                IndicesService.open(directory(count, seed, maxSegments).resolve("engine"));
        if (!indices.exists(INDEX)) {
            indices.createIndex(INDEX, loadingBody());
            for (String body : new SampleLogs(seed, count).bulkBodyList(BATCH_SIZE)) {
                indices.bulk(INDEX, body, Refresh.FALSE);
            }
            if (maxSegments > 0) {
                indices.forceMerge(INDEX, maxSegments);
            }
            indices.flushAll();
        }
        indices.refresh(INDEX);
        return indices;
    }

    /**
     * Opens the bare Lucene index over the cached data, loading the sample logs first when they are missing and then
     * force-merging them to at most {@code maxSegments} segments unless it is 0.
     */
    static Directory lucene(int count, long seed, int maxSegments) throws IOException {
        Directory directory =
                FSDirectory.open(directory(count, seed, maxSegments).resolve("lucene"));
        if (!DirectoryReader.indexExists(directory)) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
                for (String body : new SampleLogs(seed, count).bulkBodyList(BATCH_SIZE)) {
                    addBulk(writer, body);
                }
                if (maxSegments > 0) {
                    writer.forceMerge(maxSegments);
                }
                writer.commit();
            }
        }
        return directory;
    }

    /** Indexes one bulk body into a bare Lucene writer, replacing documents by id as the engine does. */
    static void addBulk(IndexWriter writer, String body) throws IOException {
        List<String> lines = body.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i += 2) {
            String action = lines.get(i);
            int start = action.indexOf("\"_id\":\"") + 7;
            String id = action.substring(start, action.indexOf('"', start));
            writer.updateDocument(new Term("_id", id), LuceneLogDocuments.fromJson(id, lines.get(i + 1)));
        }
    }

    // Periodic refresh is off while loading, so both indices end up with segments flushed by the same RAM buffer.
    static ObjectNode loadingBody() {
        ObjectNode body = SampleLogs.createIndexBody();
        ((ObjectNode) body.get("settings")).put("refresh_interval", "-1");
        return body;
    }
}
