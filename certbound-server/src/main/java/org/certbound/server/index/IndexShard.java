package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.certbound.server.index.mapping.DocumentParser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single Lucene shard of an index: its writer, its write-ahead {@link Translog}, a realtime view for gets and
 * version checks, and a refreshed view for search.
 *
 * <p>Writes are serialized by one lock. A write assigns the next sequence number and version, updates the mapping
 * (persisting it first) when dynamic mapping added fields, applies the operation to Lucene, and appends it to the
 * translog; the caller then calls {@link #syncTranslog()} once per request before acknowledging it. Realtime gets read
 * a map of the writes since the last internal refresh, then the internal reader.
 */
public final class IndexShard implements AutoCloseable {
    /** Translog size in bytes above which a write triggers a Lucene commit and a new translog generation. */
    static final long FLUSH_THRESHOLD_BYTES = 64L * 1024 * 1024;

    /** Writes kept in the realtime map before the internal reader is refreshed and the map cleared. */
    static final int VERSION_MAP_LIMIT = 10_000;

    static final String ID_FIELD = "_id";
    static final String SOURCE_FIELD = "_source";
    static final String VERSION_FIELD = "_version";
    static final String SEQ_NO_FIELD = "_seq_no";

    private static final Logger LOG = LoggerFactory.getLogger(IndexShard.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_DATA_MAX_SEQ_NO = "max_seq_no";
    private static final String USER_DATA_TRANSLOG_GENERATION = "translog_generation";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager internalSearchers;
    private final SearcherManager searchers;
    private final Translog translog;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Map<String, VersionValue> versionMap = new HashMap<>();
    private volatile IndexMetadata metadata;
    private long maxSeqNo;

    /** The state of a document written since the last internal refresh. */
    private record VersionValue(long version, long seqNo, byte @Nullable [] source) {
        boolean deleted() {
            return source == null;
        }
    }

    private IndexShard(IndexMetadata metadata, Path path) throws IOException {
        this.metadata = metadata;
        this.path = path;
        this.directory = FSDirectory.open(path.resolve("lucene"));
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
        config.setCommitOnClose(false);
        this.writer = new IndexWriter(directory, config);
        Map<String, String> userData = committedUserData();
        this.maxSeqNo = Long.parseLong(userData.getOrDefault(USER_DATA_MAX_SEQ_NO, "-1"));
        long committedGeneration = Long.parseLong(userData.getOrDefault(USER_DATA_TRANSLOG_GENERATION, "0"));
        Path translogPath = path.resolve("translog");
        int replayed = replay(translogPath, committedGeneration);
        long nextGeneration = Math.max(committedGeneration, Translog.maxGeneration(translogPath)) + 1;
        this.translog = Translog.open(translogPath, nextGeneration);
        commit(nextGeneration);
        this.internalSearchers = new SearcherManager(writer, true, false, null);
        this.searchers = new SearcherManager(writer, true, false, null);
        if (replayed > 0) {
            LOG.info("[{}] replayed [{}] operations from the translog", metadata.name(), replayed);
        }
    }

    /** Opens the shard of an index directory, replaying the translog, and writes a fresh Lucene commit. */
    public static IndexShard open(IndexMetadata metadata, Path indexDirectory) {
        try {
            return new IndexShard(metadata, indexDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "failed to open index [" + metadata.name() + "] at [" + indexDirectory + "]", e);
        }
    }

    /** Returns the current metadata, whose mapping includes every dynamically added field. */
    public IndexMetadata metadata() {
        return metadata;
    }

    /** Returns the index name. */
    public String name() {
        return metadata.name();
    }

    /** Returns the index directory. */
    public Path path() {
        return path;
    }

    private Map<String, String> committedUserData() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return Map.of();
        }
        return DirectoryReader.listCommits(directory)
                .get(DirectoryReader.listCommits(directory).size() - 1)
                .getUserData();
    }

    private int replay(Path translogPath, long fromGeneration) throws IOException {
        long committedMaxSeqNo = maxSeqNo;
        int[] count = {0};
        Translog.replay(translogPath, fromGeneration, operation -> {
            if (operation.seqNo() <= committedMaxSeqNo) {
                return;
            }
            try {
                if (operation.type() == Translog.Type.DELETE) {
                    writer.deleteDocuments(new Term(ID_FIELD, operation.id()));
                } else {
                    JsonNode source = JSON.readTree(operation.source());
                    Document document = DocumentParser.parse(metadata.mappings(), operation.id(), source)
                            .document();
                    addMetadataFields(
                            document, operation.id(), operation.source(), operation.version(), operation.seqNo());
                    writer.updateDocument(new Term(ID_FIELD, operation.id()), document);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            maxSeqNo = Math.max(maxSeqNo, operation.seqNo());
            count[0]++;
        });
        return count[0];
    }

    /**
     * Indexes a document.
     *
     * @param id the document id
     * @param source the document
     * @param createOnly whether an existing document makes the write fail, as {@code op_type=create}
     * @param listener notified before any write when dynamic mapping changed the metadata, so it can be persisted
     * @throws IndexException 409 {@code version_conflict_engine_exception} when {@code createOnly} and the document
     *     exists, or a mapping failure
     */
    public WriteResult index(String id, JsonNode source, boolean createOnly, MetadataListener listener) {
        byte[] sourceBytes = toBytes(source);
        writeLock.lock();
        try {
            Existing existing = lookup(id);
            if (createOnly && existing.found()) {
                throw versionConflict(id, "document already exists (current version [" + existing.version() + "])");
            }
            DocumentParser.ParsedDocument parsed = DocumentParser.parse(metadata.mappings(), id, source);
            if (!parsed.newFields().isEmpty()) {
                IndexMetadata updated =
                        metadata.withMappings(metadata.mappings().withFields(parsed.newFields()));
                listener.mappingUpdated(updated);
                metadata = updated;
            }
            long seqNo = ++maxSeqNo;
            long version = existing.found() ? existing.version() + 1 : 1;
            Document document = parsed.document();
            addMetadataFields(document, id, sourceBytes, version, seqNo);
            writer.updateDocument(new Term(ID_FIELD, id), document);
            translog.add(new Translog.Operation(Translog.Type.INDEX, seqNo, version, id, sourceBytes));
            remember(id, new VersionValue(version, seqNo, sourceBytes));
            return result(
                    id, version, seqNo, existing.found() ? WriteResult.Result.UPDATED : WriteResult.Result.CREATED);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to index document [" + id + "] in [" + name() + "]", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes a document; a missing one gives {@code not_found} and still consumes a sequence number. */
    public WriteResult delete(String id) {
        writeLock.lock();
        try {
            Existing existing = lookup(id);
            long seqNo = ++maxSeqNo;
            long version = existing.found() ? existing.version() + 1 : 1;
            writer.deleteDocuments(new Term(ID_FIELD, id));
            translog.add(new Translog.Operation(Translog.Type.DELETE, seqNo, version, id, null));
            remember(id, new VersionValue(version, seqNo, null));
            return result(
                    id, version, seqNo, existing.found() ? WriteResult.Result.DELETED : WriteResult.Result.NOT_FOUND);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to delete document [" + id + "] in [" + name() + "]", e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies a partial update: merges {@code doc} into the current source, or indexes {@code upsert} (or {@code doc}
     * when {@code docAsUpsert}) when the document is missing. An update that changes nothing returns {@code noop}.
     *
     * @throws IndexException 404 {@code document_missing_exception} when the document is missing and there is no
     *     upsert
     */
    public WriteResult update(
            String id, JsonNode doc, boolean docAsUpsert, @Nullable JsonNode upsert, MetadataListener listener) {
        writeLock.lock();
        try {
            GetResult current = get(id);
            if (!current.found()) {
                if (upsert != null) {
                    return index(id, upsert, false, listener);
                }
                if (!docAsUpsert) {
                    throw documentMissing(id);
                }
                return index(id, doc, false, listener);
            }
            JsonNode merged = SourceMerger.merge(current.source(), doc);
            if (merged.equals(current.source())) {
                return result(id, current.version(), current.seqNo(), WriteResult.Result.NOOP);
            }
            return index(id, merged, false, listener);
        } finally {
            writeLock.unlock();
        }
    }

    /** Returns the current state of a document, including writes not yet refreshed. */
    public GetResult get(String id) {
        writeLock.lock();
        try {
            VersionValue recent = versionMap.get(id);
            if (recent != null) {
                return recent.deleted()
                        ? GetResult.notFound(name(), id)
                        : new GetResult(name(), id, true, recent.version(), recent.seqNo(), toJson(recent.source()));
            }
            return DocumentLookup.get(internalSearchers, name(), id);
        } finally {
            writeLock.unlock();
        }
    }

    /** Forces the operations appended so far to disk; call it before acknowledging a write. */
    public void syncTranslog() {
        translog.sync();
    }

    /** Makes every write so far visible to search. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to refresh index [" + name() + "]", e);
        }
    }

    /**
     * Merges the segments down to at most {@code maxSegments}, waiting for the merges, and refreshes both readers so
     * that search reads the merged segments. The merge is durable from the next {@link #flush()}.
     *
     * @throws IllegalArgumentException when {@code maxSegments} is below 1
     */
    public void forceMerge(int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException(
                    "[max_num_segments] must be at least 1, found [" + maxSegments + "] for index [" + name() + "]");
        }
        try {
            writer.forceMerge(maxSegments);
            internalSearchers.maybeRefreshBlocking();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to force merge index [" + name() + "]", e);
        }
    }

    /** Returns the number of segments that search reads, as of the last refresh. */
    public int segmentCount() {
        IndexSearcher searcher = acquireSearcher();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            release(searcher);
        }
    }

    /** Writes a Lucene commit and starts a new translog generation, dropping the old ones. */
    public void flush() {
        writeLock.lock();
        try {
            commit(translog.roll());
        } catch (IOException e) {
            throw new UncheckedIOException("failed to flush index [" + name() + "]", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Acquires the searcher of the last refresh; pass it to {@link #release(IndexSearcher)} when done. */
    public IndexSearcher acquireSearcher() {
        try {
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to acquire a searcher of index [" + name() + "]", e);
        }
    }

    /** Releases a searcher from {@link #acquireSearcher()}. */
    public void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to release a searcher of index [" + name() + "]", e);
        }
    }

    /** Returns the document counts of the last refresh and the bytes on disk. */
    public ShardStats stats() {
        IndexSearcher searcher = acquireSearcher();
        try {
            return new ShardStats(
                    searcher.getIndexReader().numDocs(),
                    searcher.getIndexReader().numDeletedDocs(),
                    sizeOnDisk());
        } finally {
            release(searcher);
        }
    }

    /** Document counts and disk usage of a shard. */
    public record ShardStats(long docsCount, long docsDeleted, long storeSizeBytes) {}

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            commit(translog.roll());
            searchers.close();
            internalSearchers.close();
            writer.close();
            translog.close();
            directory.close();
        } finally {
            writeLock.unlock();
        }
    }

    private long sizeOnDisk() {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            // A Lucene merge may delete a file between listing and sizing it.
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private void commit(long translogGeneration) throws IOException {
        writer.setLiveCommitData(Map.of(
                        USER_DATA_MAX_SEQ_NO, Long.toString(maxSeqNo),
                        USER_DATA_TRANSLOG_GENERATION, Long.toString(translogGeneration))
                .entrySet());
        writer.commit();
        translog.trimBelow(translogGeneration);
    }

    private void remember(String id, VersionValue value) throws IOException {
        versionMap.put(id, value);
        if (versionMap.size() >= VERSION_MAP_LIMIT) {
            internalSearchers.maybeRefreshBlocking();
            versionMap.clear();
        }
        if (translog.sizeInBytes() > FLUSH_THRESHOLD_BYTES) {
            commit(translog.roll());
        }
    }

    private record Existing(boolean found, long version) {}

    private Existing lookup(String id) {
        VersionValue recent = versionMap.get(id);
        if (recent != null) {
            return new Existing(!recent.deleted(), recent.version());
        }
        GetResult stored = DocumentLookup.get(internalSearchers, name(), id);
        return new Existing(stored.found(), stored.version());
    }

    private static void addMetadataFields(Document document, String id, byte[] source, long version, long seqNo) {
        document.add(new StringField(ID_FIELD, id, Field.Store.YES));
        document.add(new StoredField(SOURCE_FIELD, source));
        document.add(new NumericDocValuesField(VERSION_FIELD, version));
        document.add(new NumericDocValuesField(SEQ_NO_FIELD, seqNo));
    }

    private WriteResult result(String id, long version, long seqNo, WriteResult.Result outcome) {
        return new WriteResult(
                name(), id, version, seqNo, 1, outcome, 1 + metadata.settings().numberOfReplicas());
    }

    private IndexException versionConflict(String id, String why) {
        return new IndexException(
                409,
                "version_conflict_engine_exception",
                "[" + id + "]: version conflict, " + why,
                IndexException.orderedMetadata("index_uuid", metadata.uuid(), "shard", "0", "index", name()),
                null);
    }

    private IndexException documentMissing(String id) {
        return new IndexException(
                404,
                "document_missing_exception",
                "[" + id + "]: document missing",
                IndexException.orderedMetadata("index_uuid", metadata.uuid(), "shard", "0", "index", name()),
                null);
    }

    static byte[] toBytes(JsonNode source) {
        try {
            return JSON.writeValueAsBytes(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode toJson(byte[] source) {
        try {
            return JSON.readTree(source);
        } catch (IOException e) {
            throw new UncheckedIOException("stored document source is not valid JSON", e);
        }
    }

    /** Receives metadata that a write changed, before the write is applied. */
    @FunctionalInterface
    public interface MetadataListener {
        /** Persists or publishes the new metadata; a failure aborts the write. */
        void mappingUpdated(IndexMetadata updated);
    }
}
