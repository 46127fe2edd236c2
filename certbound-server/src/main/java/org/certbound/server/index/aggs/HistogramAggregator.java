package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.LeafReaderContext;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexSettings;
import org.certbound.server.index.mapping.DateFormat;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The {@code histogram} and {@code date_histogram} aggregations: buckets of equal width (or calendar units) keyed by
 * their lower bound, in key order. With {@code min_doc_count} 0, the default, empty buckets between the first and last
 * bucket are returned too, as in Elasticsearch. Their number is computed from the bounds and the interval and checked
 * against the request's {@link BucketLimit} before any of them is created. {@code extended_bounds} and
 * {@code hard_bounds} are rejected, because the buckets always run from the lowest to the highest key found.
 */
final class HistogramAggregator extends BucketAggregator {
    private final String field;
    private final boolean date;
    private final Rounding rounding;
    private final long minDocCount;
    private final @Nullable DateFormat format;
    private final TreeMap<Double, Bucket> buckets = new TreeMap<>();
    private LeafValues values;
    private @Nullable FieldMapping mapping;
    // The bucket of the previous value: documents indexed in time order mostly fall into the same bucket.
    private double lastKey = Double.NaN;
    private @Nullable Bucket lastBucket;

    private HistogramAggregator(AggregationSpec spec, BucketLimit limit, boolean date, Rounding rounding) {
        super(spec, limit);
        JsonNode body = spec.body();
        rejectBounds(spec, "extended_bounds");
        rejectBounds(spec, "hard_bounds");
        if (body.has("missing")) {
            throw IndexException.illegalArgument("[" + spec.type() + "] aggregation [" + spec.name() + "] does not"
                    + " support [missing]: documents without the field fall in no bucket; remove [missing]");
        }
        this.field = body.get("field").asText();
        this.date = date;
        this.rounding = rounding;
        this.minDocCount = body.path("min_doc_count").asLong(0);
        this.format =
                body.hasNonNull("format") ? dateFormat(spec, body.get("format").asText()) : null;
    }

    static HistogramAggregator numeric(AggregationSpec spec, BucketLimit limit) {
        JsonNode body = spec.body();
        double interval = body.path("interval").asDouble(-1);
        if (interval <= 0) {
            throw IndexException.parsing(
                    "[histogram] aggregation [" + spec.name() + "] requires an [interval]" + " greater than 0");
        }
        return new HistogramAggregator(
                spec, limit, false, Rounding.fixed(interval, body.path("offset").asDouble(0)));
    }

    static HistogramAggregator date(AggregationSpec spec, BucketLimit limit) {
        JsonNode body = spec.body();
        ZoneId zone =
                body.hasNonNull("time_zone") ? zone(spec, body.get("time_zone").asText()) : ZoneId.of("UTC");
        Rounding rounding;
        if (body.hasNonNull("calendar_interval")) {
            rounding = Rounding.calendar(spec, body.get("calendar_interval").asText(), zone);
        } else if (body.hasNonNull("fixed_interval")) {
            long millis = parseFixed(spec, body.get("fixed_interval").asText());
            rounding = Rounding.fixed(millis, 0);
        } else {
            throw IndexException.illegalArgument("Required one of fields [fixed_interval, calendar_interval], but"
                    + " none were specified in [" + spec.name() + "]");
        }
        return new HistogramAggregator(spec, limit, true, rounding);
    }

    @Override
    public void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException {
        FieldMapping fieldMapping = shard.field(field);
        if (fieldMapping != null && !fieldMapping.type().isNumeric()) {
            throw IndexException.illegalArgument("Field [" + field + "] of type ["
                    + fieldMapping.type().typeName() + "] is not supported for aggregation [" + spec.type() + "]");
        }
        if (fieldMapping != null) {
            mapping = fieldMapping;
        }
        values = LeafValues.open(leaf, fieldMapping);
        setSubLeaf(leaf, shard);
    }

    @Override
    public void collect(int doc) throws IOException {
        int count = values.advance(doc);
        double previousKey = Double.NaN;
        for (int i = 0; i < count; i++) {
            double value = values.nextDouble();
            double key = rounding.round(value);
            if (!Double.isFinite(key)) {
                throw IndexException.illegalArgument("[" + spec.type() + "] aggregation [" + spec.name()
                        + "] cannot place value [" + value + "] in a bucket: its interval is too small for the value"
                        + " and the key is not a finite number; use a larger interval");
            }
            // Values come sorted, so a document with two values in one bucket repeats the key; count it once.
            if (key == previousKey) {
                continue;
            }
            previousKey = key;
            collectInto(bucket(key), doc);
        }
    }

    private Bucket bucket(double key) throws IOException {
        if (key == lastKey && lastBucket != null) {
            return lastBucket;
        }
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = newBucket();
            buckets.put(key, bucket);
        }
        lastKey = key;
        lastBucket = bucket;
        return bucket;
    }

    @Override
    public String typedName() {
        return date ? "date_histogram" : "histogram";
    }

    @Override
    public ObjectNode render(boolean typedKeys) {
        if (minDocCount == 0 && !buckets.isEmpty()) {
            fillEmptyBuckets();
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("buckets");
        for (Map.Entry<Double, Bucket> entry : buckets.entrySet()) {
            if (entry.getValue().docCount < minDocCount) {
                continue;
            }
            ObjectNode bucket = array.addObject();
            if (date) {
                long key = entry.getKey().longValue();
                bucket.put("key_as_string", outputFormat().format(key));
                bucket.put("key", key);
            } else {
                bucket.put("key", entry.getKey());
            }
            renderCountAndSubs(entry.getValue(), bucket, typedKeys);
        }
        return json;
    }

    /** Renders every non-empty bucket, without the empty buckets and the {@code min_doc_count} cut of the result. */
    @Override
    public ObjectNode renderPartial() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("buckets");
        for (Map.Entry<Double, Bucket> entry : buckets.entrySet()) {
            if (entry.getValue().docCount > 0) {
                ObjectNode bucket = array.addObject().put("key", entry.getKey());
                renderPartialCountAndSubs(entry.getValue(), bucket);
            }
        }
        PartialForms.putMapping(json, mapping);
        return json;
    }

    @Override
    public void merge(JsonNode partial) {
        try {
            for (JsonNode bucket : partial.path("buckets")) {
                if (bucket.path("key").isNumber()) {
                    mergeCountAndSubs(bucket(bucket.get("key").asDouble()), bucket);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        mapping = PartialForms.mapping(field, partial, mapping);
    }

    /**
     * Adds an empty bucket for every key between the first and the last bucket that has none. Every existing bucket
     * lies on a key of that range, so the range's key count less the existing buckets is the number to create. That
     * number is checked against the limit before the first one is created.
     */
    private void fillEmptyBuckets() {
        double first = buckets.firstKey();
        double last = buckets.lastKey();
        long keys = rounding.keyCount(first, last, buckets.size() + limit.remaining());
        limit.ensureRoom(keys - buckets.size());
        try {
            for (double key = first; key < last; key = nextKey(key)) {
                if (!buckets.containsKey(key)) {
                    buckets.put(key, newBucket());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // An interval below the precision of the keys would leave the key unchanged and never reach the last one.
    private double nextKey(double key) {
        double next = rounding.next(key);
        if (!(next > key)) {
            throw IndexException.illegalArgument("[" + spec.type() + "] aggregation [" + spec.name() + "] has an"
                    + " interval too small for the values of [" + field + "] near [" + key + "]; use a larger"
                    + " interval");
        }
        return next;
    }

    private static void rejectBounds(AggregationSpec spec, String option) {
        if (spec.body().has(option)) {
            throw IndexException.illegalArgument("[" + spec.type() + "] aggregation [" + spec.name() + "] does not"
                    + " support [" + option + "]: the buckets run from the lowest to the highest key found; remove ["
                    + option + "] or filter the documents with a [range] query");
        }
    }

    private DateFormat outputFormat() {
        if (format != null) {
            return format;
        }
        return mapping != null && mapping.type() == FieldType.DATE ? mapping.dateFormat() : DateFormat.DEFAULT;
    }

    private static long parseFixed(AggregationSpec spec, String interval) {
        try {
            long millis = IndexSettings.parseInterval("fixed_interval", interval);
            if (millis <= 0) {
                throw IndexException.illegalArgument("[fixed_interval] must be greater than 0");
            }
            return millis;
        } catch (IndexException e) {
            throw IndexException.illegalArgument("failed to parse setting [date_histogram.fixedInterval] with value ["
                    + interval + "] as a time value in [" + spec.name() + "]: use a number and one of [ms, s, m, h,"
                    + " d]");
        }
    }

    private static DateFormat dateFormat(AggregationSpec spec, String pattern) {
        try {
            return DateFormat.parse(pattern);
        } catch (IllegalArgumentException e) {
            throw IndexException.parsing("[" + spec.type() + "] aggregation [" + spec.name() + "] has an invalid"
                    + " [format] [" + pattern + "]");
        }
    }

    private static ZoneId zone(AggregationSpec spec, String id) {
        try {
            return ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
            throw IndexException.parsing("[" + spec.type() + "] aggregation [" + spec.name() + "] has an unknown"
                    + " [time_zone] [" + id + "]");
        }
    }
}
