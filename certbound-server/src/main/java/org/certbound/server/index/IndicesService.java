package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.certbound.server.index.mapping.MappingParser;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indices of a node: their lifecycle and their documents. Data lives under {@code <data>/indices/<uuid>/}; the
 * indices found there are opened, and their translogs replayed, by {@link #open(Path)}.
 *
 * <p>Every write is synced to the translog before the method returns, so a returned result is durable. Writes to a
 * missing index create it with default settings, as Elasticsearch's automatic index creation does.
 */
public final class IndicesService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndicesService.class);
    private static final Set<String> CREATE_BODY_KEYS = Set.of("settings", "mappings", "aliases");

    private final Path indicesPath;
    private final Map<String, IndexShard> shards = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> refreshTasks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;

    private IndicesService(Path dataPath) {
        this.indicesPath = dataPath.resolve("indices");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "certbound-index-refresh");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the indices under a data directory, creating the directory when it is missing.
     *
     * @throws UncheckedIOException when the directory or an index in it cannot be read
     */
    public static IndicesService open(Path dataPath) {
        IndicesService service = new IndicesService(dataPath);
        try {
            Files.createDirectories(service.indicesPath);
            try (Stream<Path> directories = Files.list(service.indicesPath)) {
                for (Path directory : directories.sorted().toList()) {
                    if (Files.exists(directory.resolve(IndexMetadata.FILE_NAME))) {
                        service.register(IndexShard.open(IndexMetadata.read(directory), directory));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to open the indices under [" + service.indicesPath + "]", e);
        }
        LOG.info("opened [{}] indices under [{}]", service.shards.size(), service.indicesPath);
        return service;
    }

    /**
     * Creates an index from the body of {@code PUT /<index>}: {@code settings}, {@code mappings} and {@code aliases}
     * (only an empty object is accepted).
     *
     * @return {@code {"acknowledged":true,"shards_acknowledged":true,"index":name}}
     * @throws IndexException for an invalid name, an existing index or invalid settings or mappings
     */
    public synchronized ObjectNode createIndex(String name, @Nullable JsonNode body) {
        IndexNames.validate(name);
        IndexShard existing = shards.get(name);
        if (existing != null) {
            throw IndexException.alreadyExists(name, existing.metadata().uuid());
        }
        JsonNode request = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
        request.fieldNames().forEachRemaining(key -> {
            if (!CREATE_BODY_KEYS.contains(key)) {
                throw IndexException.parsing("unknown key [" + key + "] for create index");
            }
        });
        if (request.hasNonNull("aliases") && !request.get("aliases").isEmpty()) {
            throw IndexException.illegalArgument(
                    "index aliases are not supported; remove [aliases] from the" + " request");
        }
        IndexSettings settings = IndexSettings.parse(request.get("settings"));
        Mappings mappings = MappingParser.parse(request.get("mappings"));
        create(name, settings, mappings);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("acknowledged", true);
        response.put("shards_acknowledged", true);
        response.put("index", name);
        return response;
    }

    private IndexShard create(String name, IndexSettings settings, Mappings mappings) {
        String uuid = Ids.indexUuid();
        IndexMetadata metadata = new IndexMetadata(name, uuid, System.currentTimeMillis(), settings, mappings);
        Path directory = indicesPath.resolve(uuid);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create index directory [" + directory + "]", e);
        }
        metadata.write(directory);
        IndexMetadata.syncDirectory(indicesPath);
        IndexShard shard = IndexShard.open(metadata, directory);
        register(shard);
        LOG.info("created index [{}] with uuid [{}]", name, uuid);
        return shard;
    }

    private void register(IndexShard shard) {
        shards.put(shard.name(), shard);
        long interval = shard.metadata().settings().refreshIntervalMillis();
        if (interval > 0) {
            refreshTasks.put(
                    shard.name(),
                    scheduler.scheduleWithFixedDelay(
                            () -> scheduledRefresh(shard), interval, interval, TimeUnit.MILLISECONDS));
        }
    }

    private static void scheduledRefresh(IndexShard shard) {
        try {
            shard.refresh();
        } catch (RuntimeException e) {
            LOG.warn("[{}] scheduled refresh failed", shard.name(), e);
        }
    }

    /**
     * Deletes the indices an expression names. Wildcards and {@code _all} are rejected, as Elasticsearch does by
     * default, so that a typo cannot delete every index.
     *
     * @throws IndexException 404 when a named index does not exist, 400 for a wildcard
     */
    public synchronized ObjectNode deleteIndex(String expression) {
        if (expression.contains("*") || expression.equals("_all")) {
            throw IndexException.illegalArgument("Wildcard expressions or all indices are not allowed; name the"
                    + " indices to delete in [" + expression + "]");
        }
        for (String name : IndexExpressions.resolve(expression, shards.keySet(), IndexExpressions.Options.STRICT)) {
            IndexShard shard = shards.remove(name);
            ScheduledFuture<?> task = refreshTasks.remove(name);
            if (task != null) {
                task.cancel(false);
            }
            deleteShard(shard);
        }
        return acknowledged();
    }

    private void deleteShard(IndexShard shard) {
        try {
            shard.close();
            // Removing the metadata first means a crash part-way leaves a directory that open() skips.
            Files.deleteIfExists(shard.path().resolve(IndexMetadata.FILE_NAME));
            IndexMetadata.syncDirectory(shard.path());
            try (Stream<Path> files = Files.walk(shard.path())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
            LOG.info("deleted index [{}]", shard.name());
        } catch (IOException e) {
            throw new UncheckedIOException("failed to delete index [" + shard.name() + "]", e);
        }
    }

    /** Returns {@code GET /<expression>}: per index its {@code aliases}, {@code mappings} and {@code settings}. */
    public ObjectNode getIndex(String expression, IndexExpressions.Options options) {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        for (IndexShard shard : resolve(expression, options)) {
            IndexMetadata metadata = shard.metadata();
            ObjectNode index = response.putObject(metadata.name());
            index.putObject("aliases");
            index.set("mappings", metadata.mappings().toJson());
            index.set(
                    "settings", metadata.settings().toJson(metadata.name(), metadata.uuid(), metadata.creationDate()));
        }
        return response;
    }

    /** Returns whether every index the expression names exists, as {@code HEAD /<index>}. */
    public boolean exists(String expression) {
        try {
            return !resolve(expression, IndexExpressions.Options.STRICT).isEmpty();
        } catch (IndexException e) {
            return false;
        }
    }

    /** Returns the shards an expression resolves to, in name order. */
    public List<IndexShard> resolve(@Nullable String expression, IndexExpressions.Options options) {
        return resolve(expression, options, index -> true);
    }

    /**
     * Returns the shards an expression resolves to, in name order, over only the indices {@code visible} accepts:
     * the others are treated as missing.
     */
    public List<IndexShard> resolve(
            @Nullable String expression, IndexExpressions.Options options, Predicate<String> visible) {
        List<IndexShard> out = new ArrayList<>();
        List<String> candidates = shards.keySet().stream().filter(visible).toList();
        for (String name : IndexExpressions.resolve(expression, candidates, options)) {
            IndexShard shard = shards.get(name);
            if (shard != null) {
                out.add(shard);
            }
        }
        return out;
    }

    /** Returns the shard of an index. */
    public IndexShard shard(String index) {
        IndexShard shard = shards.get(index);
        if (shard == null) {
            throw IndexException.indexNotFound(index);
        }
        return shard;
    }

    /**
     * Returns the rows of {@code GET /_cat/indices?format=json}: health, status, index, uuid, pri, rep, docs.count,
     * docs.deleted and store.size (in bytes), as of the last refresh.
     */
    public ArrayNode catIndices(@Nullable String expression) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (IndexShard shard : resolve(expression, IndexExpressions.Options.SEARCH)) {
            IndexMetadata metadata = shard.metadata();
            IndexShard.ShardStats stats = shard.stats();
            ObjectNode row = rows.addObject();
            // A single node cannot place replicas, so an index that requests them is yellow.
            row.put("health", metadata.settings().numberOfReplicas() > 0 ? "yellow" : "green");
            row.put("status", "open");
            row.put("index", metadata.name());
            row.put("uuid", metadata.uuid());
            row.put("pri", Integer.toString(metadata.settings().numberOfShards()));
            row.put("rep", Integer.toString(metadata.settings().numberOfReplicas()));
            row.put("docs.count", Long.toString(stats.docsCount()));
            row.put("docs.deleted", Long.toString(stats.docsDeleted()));
            row.put("store.size", Long.toString(stats.storeSizeBytes()));
        }
        return rows;
    }

    /**
     * Indexes one document and syncs it to the translog.
     *
     * @param index the index, created when missing
     * @param id the id, or null for an automatic one
     * @param source the document, a JSON object
     */
    public WriteResult index(String index, @Nullable String id, JsonNode source, OpType opType, Refresh refresh) {
        IndexShard shard = shardForWrite(index);
        String documentId = id == null ? Ids.documentId() : checkId(id);
        WriteResult result = shard.index(documentId, source, opType == OpType.CREATE, listener(shard));
        afterWrite(shard, refresh);
        return result;
    }

    /** Deletes one document and syncs the deletion to the translog. */
    public WriteResult delete(String index, String id, Refresh refresh) {
        IndexShard shard = shard(index);
        WriteResult result = shard.delete(checkId(id));
        afterWrite(shard, refresh);
        return result;
    }

    /** Returns a document in realtime, including writes not yet refreshed. */
    public GetResult get(String index, String id) {
        return shard(index).get(id);
    }

    /**
     * Executes a {@code _bulk} body and returns Elasticsearch's response: {@code took}, {@code errors} and one
     * result or error per item. The translogs are synced once, after all items.
     *
     * @param defaultIndex the index of {@code /<index>/_bulk}, or null
     * @throws IndexException 400 when the body is malformed as a whole
     */
    public ObjectNode bulk(@Nullable String defaultIndex, String body, Refresh refresh) {
        return bulk(defaultIndex, body, refresh, (action, index) -> {});
    }

    /**
     * Executes a {@code _bulk} body as {@link #bulk(String, String, Refresh)}, asking {@code check} before each item;
     * an item that {@code check} rejects fails alone with the rejection as its error.
     */
    public ObjectNode bulk(@Nullable String defaultIndex, String body, Refresh refresh, BulkItemCheck check) {
        return new BulkAction(this, check).execute(BulkRequestParser.parse(body, defaultIndex), refresh);
    }

    /** Decides whether one bulk item may run, for example by the caller's index privileges. */
    @FunctionalInterface
    public interface BulkItemCheck {
        /**
         * Checks one item.
         *
         * @param action {@code index}, {@code create}, {@code update} or {@code delete}
         * @param index the item's index
         * @throws IndexException to fail the item with that error
         */
        void check(String action, String index);
    }

    /** Refreshes the indices of an expression, as {@code POST /<expression>/_refresh}. */
    public ObjectNode refresh(@Nullable String expression) {
        List<IndexShard> targets = resolve(expression, IndexExpressions.Options.SEARCH);
        targets.forEach(IndexShard::refresh);
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode shardsNode = response.putObject("_shards");
        shardsNode.put("total", targets.size());
        shardsNode.put("successful", targets.size());
        shardsNode.put("failed", 0);
        return response;
    }

    /**
     * Merges each index of an expression down to at most {@code maxNumSegments} segments and refreshes it, as
     * {@code POST /<expression>/_forcemerge?max_num_segments=N}. Call {@link #flushAll()} to make the merge durable.
     *
     * @throws IllegalArgumentException when {@code maxNumSegments} is below 1
     */
    public ObjectNode forceMerge(@Nullable String expression, int maxNumSegments) {
        List<IndexShard> targets = resolve(expression, IndexExpressions.Options.SEARCH);
        targets.forEach(shard -> shard.forceMerge(maxNumSegments));
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ObjectNode shardsNode = response.putObject("_shards");
        shardsNode.put("total", targets.size());
        shardsNode.put("successful", targets.size());
        shardsNode.put("failed", 0);
        return response;
    }

    /** Writes a Lucene commit of every index and trims the translogs. */
    public void flushAll() {
        shards.values().forEach(IndexShard::flush);
    }

    IndexShard shardForWrite(String index) {
        IndexShard shard = shards.get(index);
        if (shard != null) {
            return shard;
        }
        synchronized (this) {
            shard = shards.get(index);
            if (shard == null) {
                IndexNames.validate(index);
                shard = create(index, IndexSettings.DEFAULT, Mappings.empty());
            }
            return shard;
        }
    }

    static IndexShard.MetadataListener listener(IndexShard shard) {
        return updated -> updated.write(shard.path());
    }

    static String checkId(String id) {
        if (id.isEmpty() || id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 512) {
            throw IndexException.validation("id [" + id + "] is too long or empty, must be 1 to 512 bytes");
        }
        return id;
    }

    private static void afterWrite(IndexShard shard, Refresh refresh) {
        shard.syncTranslog();
        if (refresh != Refresh.FALSE) {
            shard.refresh();
        }
    }

    private static ObjectNode acknowledged() {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("acknowledged", true);
        return response;
    }

    @Override
    public synchronized void close() throws IOException {
        scheduler.shutdownNow();
        IOException failure = null;
        for (IndexShard shard : shards.values()) {
            try {
                shard.close();
            } catch (IOException e) {
                LOG.error("[{}] failed to close index", shard.name(), e);
                failure = e;
            }
        }
        shards.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
