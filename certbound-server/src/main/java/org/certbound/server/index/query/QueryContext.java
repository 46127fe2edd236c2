package org.certbound.server.index.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * The state for translating a query against one index: its name and UUID, its mapping, the fields the caller may see,
 * the analyzer of {@code text} fields and the time that {@code now} means.
 *
 * <p>A field that field-level security hides behaves as an unmapped field, so queries on it match nothing.
 */
public final class QueryContext {
    private static final Analyzer ANALYZER = new StandardAnalyzer();

    private final String index;
    private final String indexUuid;
    private final Mappings mappings;
    private final Predicate<String> visibleField;
    private final long nowMillis;

    /**
     * Creates a context.
     *
     * @param index the index name, named in errors
     * @param indexUuid the index UUID, named in errors
     * @param mappings the index mapping
     * @param visibleField whether a field path may be queried
     * @param nowMillis the time {@code now} resolves to, fixed for the whole request
     */
    public QueryContext(
            String index, String indexUuid, Mappings mappings, Predicate<String> visibleField, long nowMillis) {
        this.index = index;
        this.indexUuid = indexUuid;
        this.mappings = mappings;
        this.visibleField = visibleField;
        this.nowMillis = nowMillis;
    }

    /** Returns the analyzer of {@code text} fields: Lucene's standard analyzer, without stop words. */
    public Analyzer analyzer() {
        return ANALYZER;
    }

    /** Returns the index name. */
    public String index() {
        return index;
    }

    /** Returns the time that {@code now} means, in epoch milliseconds. */
    public long nowMillis() {
        return nowMillis;
    }

    /** Returns the mapping of a visible field, or null when the field is unmapped or hidden. */
    public @Nullable FieldMapping field(String path) {
        FieldMapping mapping = mappings.field(path);
        return mapping != null && visibleField.test(path) ? mapping : null;
    }

    /** Returns the visible leaf fields under an object path. */
    public List<FieldMapping> leafFieldsUnder(String objectPath) {
        List<FieldMapping> out = new ArrayList<>();
        for (FieldMapping mapping : mappings.leafFieldsUnder(objectPath)) {
            if (visibleField.test(mapping.path())) {
                out.add(mapping);
            }
        }
        return out;
    }

    /**
     * Expands a field pattern of {@code multi_match} or {@code query_string} to visible fields that full-text queries
     * can search: {@code text} and {@code keyword} fields, plus numbers, dates and booleans for explicit names.
     */
    public List<String> expandFields(String pattern) {
        List<String> out = new ArrayList<>();
        boolean wildcard = pattern.contains("*");
        for (String path : mappings.leafFieldsMatching(pattern)) {
            FieldMapping mapping = field(path);
            if (mapping == null) {
                continue;
            }
            boolean fullText = mapping.type() == FieldType.TEXT || mapping.type() == FieldType.KEYWORD;
            if (fullText || !wildcard) {
                out.add(path);
            }
        }
        return out;
    }

    /**
     * Returns {@code query_shard_exception} (400) for a value that a field cannot hold, naming the index.
     *
     * @param cause the conversion failure
     */
    public IndexException failedToCreateQuery(Exception cause) {
        return new IndexException(
                400,
                "query_shard_exception",
                "failed to create query: " + cause.getMessage(),
                IndexException.orderedMetadata("index_uuid", indexUuid, "index", index),
                cause);
    }

    /** Returns {@code query_shard_exception} (400) with the given reason, naming the index. */
    public IndexException queryShardException(String reason) {
        return new IndexException(
                400,
                "query_shard_exception",
                reason,
                IndexException.orderedMetadata("index_uuid", indexUuid, "index", index),
                null);
    }
}
