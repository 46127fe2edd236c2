package org.certbound.benchmarks.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.sample.SampleLogs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk indexing throughput in documents per second: one {@code _bulk} body of 1,000 sample logs per invocation, into
 * the engine (JSON parsing, mapping, version lookup, Lucene, translog append and one fsync per bulk) and into bare
 * Lucene (JSON parsing and Lucene only, without durability). Bodies cycle through the first 100,000 documents, so
 * later rounds replace documents by id, in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BenchmarkData.BATCH_SIZE)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgs = {"-Xms2g", "-Xmx2g"})
public class BulkIndexingBenchmark {
    private List<String> bodies;
    private int next;
    private Path directory;
    private IndicesService indices;
    private IndexWriter writer;

    @Setup(Level.Trial)
    public void open() throws IOException {
        bodies = SampleLogs.defaults().bulkBodyList(BenchmarkData.BATCH_SIZE);
        directory = Files.createTempDirectory("certbound-bulk-bench");
        indices = IndicesService.open(directory.resolve("engine"));
        indices.createIndex("bulk", SampleLogs.createIndexBody());
        writer = new IndexWriter(
                FSDirectory.open(directory.resolve("lucene")), new IndexWriterConfig(new StandardAnalyzer()));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        writer.close();
        indices.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Benchmark
    public Object engineBulk() {
        return indices.bulk("bulk", nextBody(), Refresh.FALSE);
    }

    @Benchmark
    public void luceneBulk() throws IOException {
        BenchmarkData.addBulk(writer, nextBody());
    }

    private String nextBody() {
        String body = bodies.get(next);
        next = (next + 1) % bodies.size();
        return body;
    }
}
