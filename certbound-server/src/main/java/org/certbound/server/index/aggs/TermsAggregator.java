package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The {@code terms} aggregation: one bucket per distinct value, the {@code size} largest by {@code order} (by default
 * doc count descending, then key ascending). Keyword keys are strings ({@code sterms}); long, date and boolean keys are
 * longs ({@code lterms}, with {@code key_as_string} for dates and booleans); floating point keys are doubles
 * ({@code dterms}). Counts over one cluster are exact, so {@code doc_count_error_upper_bound} is 0.
 *
 * <p>The partial form lists the top {@code shard_size} buckets. When the order is by count, descending, a term that a
 * cluster left out may be missing from the merged top {@code size}, so the merged result adds each truncated
 * cluster's smallest listed count to {@code doc_count_error_upper_bound}. Ordered by key, the top {@code size} of each
 * cluster are enough for an exact result; ordered by count ascending, every bucket is listed.
 */
final class TermsAggregator extends BucketAggregator {
    private final String field;
    private final int size;
    private final long minDocCount;
    private final Comparator<Map.Entry<Object, Bucket>> order;
    private final int shardSize;
    private final boolean countDescending;
    // The contribution of merged partial forms that no bucket here contains: the documents in buckets the clusters
    // left out, and the largest count such a bucket may have.
    private long otherFromPartials;
    private long errorFromPartials;
    private final Map<Object, Bucket> buckets = new HashMap<>();
    private LeafValues values;
    private Bucket @Nullable [] ordBuckets;
    // Per-ordinal counts of the current segment, used instead of buckets when there are no sub-aggregations.
    private long @Nullable [] segmentCounts;
    private @Nullable FieldMapping mapping;

    /** Estimated bytes of one bucket besides its key's characters: map entry, key object, bucket and counters. */
    private static final int BUCKET_BYTES = 128;

    TermsAggregator(AggregationSpec spec, BucketLimit limit) {
        super(spec, limit);
        JsonNode body = spec.body();
        this.field = body.get("field").asText();
        this.size = positive(body, "size", 10);
        this.minDocCount = body.path("min_doc_count").asLong(1);
        this.order = order(body.get("order"));
        String primary = primaryOrder(body.get("order"));
        this.countDescending = primary.equals("_count:desc");
        this.shardSize = shardSize(body, size, primary);
    }

    /** Returns the first criterion of the order as {@code <key>:<direction>}; the default is {@code _count:desc}. */
    private static String primaryOrder(@Nullable JsonNode json) {
        JsonNode first = json != null && json.isArray() ? json.path(0) : json;
        if (first == null || !first.isObject() || first.size() != 1) {
            return "_count:desc";
        }
        String key = first.fieldNames().next();
        return key + ":" + first.get(key).asText();
    }

    /**
     * Returns how many buckets a cluster lists in its partial form. By count, descending, it is {@code shard_size}
     * when the request sets one, else {@code size * 1.5 + 10} as in Elasticsearch; by key it is {@code size}; by count
     * ascending it is every bucket, because a bucket's rank there does not bound its merged count.
     */
    private static int shardSize(JsonNode body, int size, String primary) {
        if (primary.startsWith("_count:") && !primary.equals("_count:desc")) {
            return Integer.MAX_VALUE;
        }
        int requested = body.has("shard_size") ? positive(body, "shard_size", size) : 0;
        if (!primary.startsWith("_count:")) {
            return Math.max(size, requested);
        }
        int heuristic = (int) Math.min(Integer.MAX_VALUE, (long) (size * 1.5 + 10));
        return requested > 0 ? Math.max(size, requested) : heuristic;
    }

    @Override
    public void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException {
        flushSegmentCounts();
        FieldMapping fieldMapping = shard.field(field);
        if (fieldMapping != null) {
            mapping = fieldMapping;
        }
        values = LeafValues.open(leaf, fieldMapping);
        // Ordinals resolve to buckets once per segment; the arrays are skipped for very high cardinality.
        boolean ordinals = values.isKeyword() && values.valueCount() <= 1 << 20;
        int valueCount = (int) values.valueCount();
        segmentCounts = ordinals && spec.subAggregations().isEmpty() ? new long[valueCount] : null;
        ordBuckets = ordinals && segmentCounts == null ? new Bucket[valueCount] : null;
        setSubLeaf(leaf, shard);
    }

    private void flushSegmentCounts() throws IOException {
        if (segmentCounts == null) {
            return;
        }
        for (int ord = 0; ord < segmentCounts.length; ord++) {
            if (segmentCounts[ord] > 0) {
                keywordBucket(ord).docCount += segmentCounts[ord];
            }
        }
        segmentCounts = null;
    }

    // Counts ordinals straight into the segment's array. Single-valued fields skip the per-document value count.
    @Override
    public LeafAggregator leafAggregator() {
        long[] counts = segmentCounts;
        SortedSetDocValues ordinals = values.keywords();
        if (counts == null || ordinals == null) {
            return this::collect;
        }
        SortedDocValues singleOrdinals = DocValues.unwrapSingleton(ordinals);
        if (singleOrdinals != null) {
            return doc -> {
                if (singleOrdinals.advanceExact(doc)) {
                    counts[singleOrdinals.ordValue()]++;
                }
            };
        }
        return doc -> {
            if (ordinals.advanceExact(doc)) {
                for (int i = ordinals.docValueCount(); i > 0; i--) {
                    counts[(int) ordinals.nextOrd()]++;
                }
            }
        };
    }

    // Kept small so the JIT inlines it into the collector: it runs once per matching document.
    @Override
    public void collect(int doc) throws IOException {
        if (segmentCounts != null) {
            countOrdinals(doc);
        } else {
            collectBuckets(doc);
        }
    }

    private void countOrdinals(int doc) throws IOException {
        int count = values.advance(doc);
        for (int i = 0; i < count; i++) {
            segmentCounts[(int) values.nextOrd()]++;
        }
    }

    private void collectBuckets(int doc) throws IOException {
        int count = values.advance(doc);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            if (values.isKeyword()) {
                collectInto(keywordBucket(values.nextOrd()), doc);
                continue;
            }
            long raw = values.nextRaw();
            // Sorted numeric doc values repeat a value that a document contains twice, so skip the repeat.
            if (i > 0 && raw == previous) {
                continue;
            }
            previous = raw;
            collectInto(numericBucket(raw), doc);
        }
    }

    private Bucket keywordBucket(long ord) throws IOException {
        if (ordBuckets != null && ordBuckets[(int) ord] != null) {
            return ordBuckets[(int) ord];
        }
        String key = values.lookupOrd(ord).utf8ToString();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            limit.addBytes(BUCKET_BYTES + key.length());
            bucket = newBucket();
            buckets.put(key, bucket);
        }
        if (ordBuckets != null) {
            ordBuckets[(int) ord] = bucket;
        }
        return bucket;
    }

    private Bucket numericBucket(long raw) throws IOException {
        Object key = values.type() != null && values.type().isDoubleValued() ? (Object) values.toDouble(raw) : raw;
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            limit.addBytes(BUCKET_BYTES);
            bucket = newBucket();
            buckets.put(key, bucket);
        }
        return bucket;
    }

    /**
     * Counts bare terms buckets when they are rendered, not when they are created: their number is bounded by the
     * field's distinct values, and those beyond {@code size} are cut, so only the listed ones reach the response.
     */
    @Override
    protected boolean countsCreatedBuckets() {
        return !spec.subAggregations().isEmpty();
    }

    private void countListed(int listed) {
        if (!countsCreatedBuckets()) {
            limit.add(listed);
        }
    }

    @Override
    public String typedName() {
        if (mapping == null || mapping.type() == FieldType.KEYWORD) {
            return "sterms";
        }
        return mapping.type().isDoubleValued() ? "dterms" : "lterms";
    }

    @Override
    public ObjectNode render(boolean typedKeys) {
        List<Map.Entry<Object, Bucket>> sorted = sortedBuckets(minDocCount);
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("doc_count_error_upper_bound", countDescending ? errorFromPartials : 0);
        long other = otherFromPartials;
        for (int i = size; i < sorted.size(); i++) {
            other += sorted.get(i).getValue().docCount;
        }
        json.put("sum_other_doc_count", other);
        ArrayNode array = json.putArray("buckets");
        countListed(Math.min(size, sorted.size()));
        for (Map.Entry<Object, Bucket> entry : sorted.subList(0, Math.min(size, sorted.size()))) {
            ObjectNode bucket = array.addObject();
            putKey(bucket, entry.getKey());
            renderCountAndSubs(entry.getValue(), bucket, typedKeys);
        }
        return json;
    }

    /** Renders the top {@code shard_size} buckets with their partial sub-aggregations, whatever their count. */
    @Override
    public ObjectNode renderPartial() {
        List<Map.Entry<Object, Bucket>> sorted = sortedBuckets(1);
        List<Map.Entry<Object, Bucket>> listed = sorted.subList(0, Math.min(shardSize, sorted.size()));
        long other = otherFromPartials;
        for (int i = listed.size(); i < sorted.size(); i++) {
            other += sorted.get(i).getValue().docCount;
        }
        long error = errorFromPartials;
        if (listed.size() < sorted.size()) {
            error += listed.get(listed.size() - 1).getValue().docCount;
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("doc_count_error_upper_bound", error);
        json.put("sum_other_doc_count", other);
        ArrayNode array = json.putArray("buckets");
        countListed(listed.size());
        for (Map.Entry<Object, Bucket> entry : listed) {
            ObjectNode bucket = array.addObject();
            putKey(bucket, entry.getKey());
            renderPartialCountAndSubs(entry.getValue(), bucket);
        }
        PartialForms.putMapping(json, mapping);
        return json;
    }

    @Override
    public void merge(JsonNode partial) {
        mapping = PartialForms.mapping(field, partial, mapping);
        otherFromPartials += Math.max(0, partial.path("sum_other_doc_count").asLong(0));
        errorFromPartials +=
                Math.max(0, partial.path("doc_count_error_upper_bound").asLong(0));
        for (JsonNode bucket : partial.path("buckets")) {
            JsonNode key = bucket.path("key");
            if (!key.isTextual() && !key.isNumber()) {
                continue;
            }
            Object parsed = PartialForms.key(key);
            Bucket target = buckets.get(parsed);
            try {
                if (target == null) {
                    limit.addBytes(BUCKET_BYTES + String.valueOf(parsed).length());
                    target = newBucket();
                    buckets.put(parsed, target);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            mergeCountAndSubs(target, bucket);
        }
    }

    private List<Map.Entry<Object, Bucket>> sortedBuckets(long minimumCount) {
        try {
            flushSegmentCounts();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("failed to read the terms of [" + field + "]", e);
        }
        List<Map.Entry<Object, Bucket>> sorted = new ArrayList<>();
        for (Map.Entry<Object, Bucket> entry : buckets.entrySet()) {
            if (entry.getValue().docCount >= minimumCount) {
                sorted.add(entry);
            }
        }
        sorted.sort(order);
        return sorted;
    }

    private void putKey(ObjectNode bucket, Object key) {
        if (key instanceof String text) {
            bucket.put("key", text);
        } else if (key instanceof Double number) {
            bucket.put("key", number);
        } else {
            long number = (Long) key;
            bucket.put("key", number);
            if (mapping != null && mapping.type() == FieldType.DATE) {
                bucket.put("key_as_string", mapping.dateFormat().format(number));
            } else if (mapping != null && mapping.type() == FieldType.BOOLEAN) {
                bucket.put("key_as_string", number == 1 ? "true" : "false");
            }
        }
    }

    private Comparator<Map.Entry<Object, Bucket>> order(@Nullable JsonNode json) {
        Comparator<Map.Entry<Object, Bucket>> byCountDesc = Comparator.comparingLong(
                        (Map.Entry<Object, Bucket> entry) -> entry.getValue().docCount)
                .reversed();
        Comparator<Map.Entry<Object, Bucket>> byKeyAsc = (a, b) -> compareKeys(a.getKey(), b.getKey());
        if (json == null || json.isNull()) {
            return byCountDesc.thenComparing(byKeyAsc);
        }
        List<JsonNode> criteria = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(criteria::add);
        } else {
            criteria.add(json);
        }
        Comparator<Map.Entry<Object, Bucket>> combined = null;
        for (JsonNode criterion : criteria) {
            Comparator<Map.Entry<Object, Bucket>> next = criterion(criterion, byCountDesc, byKeyAsc);
            combined = combined == null ? next : combined.thenComparing(next);
        }
        return combined.thenComparing(byKeyAsc);
    }

    private Comparator<Map.Entry<Object, Bucket>> criterion(
            JsonNode criterion,
            Comparator<Map.Entry<Object, Bucket>> byCountDesc,
            Comparator<Map.Entry<Object, Bucket>> byKeyAsc) {
        if (!criterion.isObject() || criterion.size() != 1) {
            throw IndexException.parsing("[terms] aggregation [" + spec.name() + "] has a malformed [order]");
        }
        String key = criterion.fieldNames().next();
        String direction = criterion.get(key).asText();
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw IndexException.parsing("[terms] aggregation [" + spec.name() + "] order direction must be [asc] or"
                    + " [desc], found [" + direction + "]");
        }
        boolean ascending = direction.equals("asc");
        return switch (key) {
            case "_count" -> ascending ? byCountDesc.reversed() : byCountDesc;
            case "_key", "_term" -> ascending ? byKeyAsc : byKeyAsc.reversed();
            default ->
                throw IndexException.parsing("[terms] aggregation [" + spec.name() + "] cannot order by [" + key
                        + "]; supported orders are [_count] and [_key]");
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a.getClass() != b.getClass()) {
            return a.toString().compareTo(b.toString());
        }
        return ((Comparable) a).compareTo(b);
    }

    static int positive(JsonNode body, String key, int defaultValue) {
        if (!body.has(key)) {
            return defaultValue;
        }
        int value = body.get(key).asInt(-1);
        if (value < 1) {
            throw IndexException.parsing("[" + key + "] must be greater than 0, found [" + body.get(key) + "]");
        }
        return value;
    }
}
