package org.certbound.server.index.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.certbound.server.index.mapping.DateFormat;
import org.certbound.server.index.mapping.DateMath;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.certbound.server.index.mapping.FieldValues;
import org.jspecify.annotations.Nullable;

/** Term-level queries built for a field's type: terms for keywords and booleans, point queries for numbers and dates. */
public final class FieldQueries {
    private FieldQueries() {}

    /** Returns the query for one exact value; a date matches the whole unit its text gives, as in Elasticsearch. */
    public static Query term(FieldMapping field, JsonNode value, QueryContext context) {
        String path = field.path();
        try {
            return switch (field.type()) {
                case KEYWORD, TEXT -> new TermQuery(new Term(path, value.asText()));
                case LONG, INTEGER -> LongPoint.newExactQuery(path, exactLong(value));
                case DOUBLE -> DoublePoint.newExactQuery(path, FieldValues.toDouble(value));
                case FLOAT -> DoublePoint.newExactQuery(path, (float) FieldValues.toDouble(value));
                case DATE -> range(field, value, value, true, true, null, null, context);
                case BOOLEAN -> new TermQuery(new Term(path, booleanTerm(value)));
                case OBJECT -> new MatchNoDocsQuery("[" + path + "] is an object");
            };
        } catch (IllegalArgumentException e) {
            throw context.failedToCreateQuery(e);
        }
    }

    /** Returns the query for any of several exact values. */
    public static Query terms(FieldMapping field, List<JsonNode> values, QueryContext context) {
        if (field.type() == FieldType.KEYWORD || field.type() == FieldType.TEXT) {
            List<BytesRef> terms = new ArrayList<>();
            values.forEach(value -> terms.add(new BytesRef(value.asText())));
            return new TermInSetQuery(field.path(), terms);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (JsonNode value : values) {
            any.add(term(field, value, context), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    /**
     * Returns a range query; a null bound is open.
     *
     * @param format the date format of the bounds, or null for the field's
     * @param zone the zone of dates without an offset, or null for UTC
     */
    public static Query range(
            FieldMapping field,
            @Nullable JsonNode from,
            @Nullable JsonNode to,
            boolean includeFrom,
            boolean includeTo,
            @Nullable DateFormat format,
            @Nullable ZoneId zone,
            QueryContext context) {
        String path = field.path();
        try {
            return switch (field.type()) {
                case LONG, INTEGER ->
                    LongPoint.newRangeQuery(path, lowerLong(from, includeFrom), upperLong(to, includeTo));
                case DOUBLE, FLOAT ->
                    DoublePoint.newRangeQuery(
                            path, lowerDouble(field, from, includeFrom), upperDouble(field, to, includeTo));
                case DATE -> dateRange(field, from, to, includeFrom, includeTo, format, zone, context);
                case KEYWORD, TEXT, BOOLEAN ->
                    TermRangeQuery.newStringRange(
                            path,
                            from == null ? null : from.asText(),
                            to == null ? null : to.asText(),
                            includeFrom,
                            includeTo);
                case OBJECT -> new MatchNoDocsQuery("[" + path + "] is an object");
            };
        } catch (IllegalArgumentException e) {
            throw context.failedToCreateQuery(e);
        }
    }

    /** Returns a prefix query; only {@code keyword} and {@code text} fields support it. */
    public static Query prefix(FieldMapping field, String prefix, QueryContext context) {
        requireString(field, "prefix", context);
        return new PrefixQuery(new Term(field.path(), prefix));
    }

    /** Returns a wildcard query with {@code *} and {@code ?}; only {@code keyword} and {@code text} support it. */
    public static Query wildcard(FieldMapping field, String pattern, QueryContext context) {
        requireString(field, "wildcard", context);
        return new WildcardQuery(new Term(field.path(), pattern));
    }

    /** Returns a query for documents with any value in the field, or in any field under an object. */
    public static Query exists(String path, QueryContext context) {
        FieldMapping field = context.field(path);
        if (field == null) {
            return new MatchNoDocsQuery("[" + path + "] is not mapped");
        }
        if (field.type() != FieldType.OBJECT) {
            return new FieldExistsQuery(path);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (FieldMapping leaf : context.leafFieldsUnder(path)) {
            any.add(new FieldExistsQuery(leaf.path()), BooleanClause.Occur.SHOULD);
        }
        return any.build();
    }

    private static void requireString(FieldMapping field, String query, QueryContext context) {
        if (field.type() != FieldType.KEYWORD && field.type() != FieldType.TEXT) {
            throw context.queryShardException(
                    "Can only use " + query + " queries on keyword and text fields - not" + " on [" + field.path()
                            + "] which is of type [" + field.type().typeName() + "]");
        }
    }

    private static Query dateRange(
            FieldMapping field,
            @Nullable JsonNode from,
            @Nullable JsonNode to,
            boolean includeFrom,
            boolean includeTo,
            @Nullable DateFormat format,
            @Nullable ZoneId zone,
            QueryContext context) {
        DateFormat dateFormat = format == null ? field.dateFormat() : format;
        ZoneId dateZone = zone == null ? java.time.ZoneOffset.UTC : zone;
        long lower = Long.MIN_VALUE;
        if (from != null) {
            // gt rounds up and excludes the rounded value; gte rounds down and includes it.
            lower = DateMath.resolve(from.asText(), dateFormat, dateZone, !includeFrom, context::nowMillis);
            lower = includeFrom ? lower : lower + 1;
        }
        long upper = Long.MAX_VALUE;
        if (to != null) {
            upper = DateMath.resolve(to.asText(), dateFormat, dateZone, includeTo, context::nowMillis);
            upper = includeTo ? upper : upper - 1;
        }
        return LongPoint.newRangeQuery(field.path(), lower, upper);
    }

    private static long exactLong(JsonNode value) {
        double number = FieldValues.toDouble(value);
        if (number != Math.rint(number)) {
            throw new IllegalArgumentException("Value [" + value.asText() + "] has a decimal part");
        }
        return FieldValues.toLong(value);
    }

    private static long lowerLong(@Nullable JsonNode bound, boolean inclusive) {
        if (bound == null) {
            return Long.MIN_VALUE;
        }
        double value = FieldValues.toDouble(bound);
        long ceiling = (long) Math.ceil(value);
        return inclusive || ceiling != value ? ceiling : ceiling + 1;
    }

    private static long upperLong(@Nullable JsonNode bound, boolean inclusive) {
        if (bound == null) {
            return Long.MAX_VALUE;
        }
        double value = FieldValues.toDouble(bound);
        long floor = (long) Math.floor(value);
        return inclusive || floor != value ? floor : floor - 1;
    }

    private static double lowerDouble(FieldMapping field, @Nullable JsonNode bound, boolean inclusive) {
        if (bound == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double value = toFieldPrecision(field, FieldValues.toDouble(bound));
        return inclusive ? value : Math.nextUp(value);
    }

    private static double upperDouble(FieldMapping field, @Nullable JsonNode bound, boolean inclusive) {
        if (bound == null) {
            return Double.POSITIVE_INFINITY;
        }
        double value = toFieldPrecision(field, FieldValues.toDouble(bound));
        return inclusive ? value : Math.nextDown(value);
    }

    // Float fields hold each value rounded to float, so bounds are rounded the same way.
    private static double toFieldPrecision(FieldMapping field, double value) {
        return field.type() == FieldType.FLOAT ? (float) value : value;
    }

    private static String booleanTerm(JsonNode value) {
        String text = value.asText();
        if (text.equals("true")) {
            return "T";
        } else if (text.equals("false")) {
            return "F";
        }
        throw new IllegalArgumentException("Can't parse boolean value [" + text + "], expected [true] or [false]");
    }
}
