package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;
import org.apache.lucene.util.BytesRef;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.certbound.server.index.query.QueryContext;
import org.jspecify.annotations.Nullable;

/** The Lucene sort of a search, built per index from its mapping, and the conversions of sort values. */
final class SortFields {
    private SortFields() {}

    /** Returns the Lucene sort, or null when the search sorts by score only. */
    static @Nullable Sort toSort(List<SortSpec> specs, QueryContext context) {
        if (specs.isEmpty()
                || specs.size() == 1 && specs.get(0).isScore() && specs.get(0).descending()) {
            return null;
        }
        List<SortField> fields = new ArrayList<>();
        for (SortSpec spec : specs) {
            fields.add(toSortField(spec, context));
        }
        return new Sort(fields.toArray(new SortField[0]));
    }

    private static SortField toSortField(SortSpec spec, QueryContext context) {
        if (spec.isScore()) {
            return new SortField(null, SortField.Type.SCORE, !spec.descending());
        }
        if (spec.field().equals(SortSpec.DOC)) {
            return new SortField(null, SortField.Type.DOC, spec.descending());
        }
        FieldType type = fieldType(spec, context);
        boolean missingHigh = spec.missingFirst() == spec.descending();
        if (type == FieldType.KEYWORD) {
            SortedSetSortField field = new SortedSetSortField(spec.field(), spec.descending());
            field.setMissingValue(missingHigh ? SortField.STRING_LAST : SortField.STRING_FIRST);
            return field;
        }
        if (type.isDoubleValued()) {
            SortedNumericSortField field =
                    new SortedNumericSortField(spec.field(), SortField.Type.DOUBLE, spec.descending());
            field.setMissingValue(missingHigh ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
            return field;
        }
        SortedNumericSortField field = new SortedNumericSortField(spec.field(), SortField.Type.LONG, spec.descending());
        field.setMissingValue(missingHigh ? Long.MAX_VALUE : Long.MIN_VALUE);
        return field;
    }

    private static FieldType fieldType(SortSpec spec, QueryContext context) {
        FieldMapping mapping = context.field(spec.field());
        if (mapping == null) {
            if (spec.unmappedType() == null) {
                throw context.queryShardException("No mapping found for [" + spec.field() + "] in order to sort on;"
                        + " map the field or set [unmapped_type] in the sort");
            }
            return FieldType.fromTypeName(spec.unmappedType())
                    .orElseThrow(() ->
                            IndexException.parsing("[sort] unknown [unmapped_type] [" + spec.unmappedType() + "]"));
        }
        if (mapping.type() == FieldType.TEXT || mapping.type() == FieldType.OBJECT) {
            throw IndexException.illegalArgument("Text fields are not optimised for operations that require"
                    + " per-document field data like aggregations and sorting, so these operations are disabled by"
                    + " default. Please use a keyword field instead. Field [" + spec.field() + "] is of type ["
                    + mapping.type().typeName() + "]");
        }
        return mapping.type();
    }

    /**
     * Converts {@code search_after} values to the position after which a shard collects.
     *
     * @throws IndexException {@code illegal_argument_exception} when the count does not match the sort
     */
    static ScoreDoc after(List<JsonNode> values, @Nullable Sort sort) {
        int expected = sort == null ? 1 : sort.getSort().length;
        if (values.size() != expected) {
            throw IndexException.illegalArgument(
                    "search_after has " + values.size() + " value(s) but sort has " + expected + ".");
        }
        // Documents equal to the given values on every key are skipped, since no shard document id is given.
        if (sort == null) {
            return new ScoreDoc(Integer.MAX_VALUE, (float) values.get(0).asDouble());
        }
        Object[] fields = new Object[expected];
        for (int i = 0; i < expected; i++) {
            fields[i] = afterValue(sort.getSort()[i], values.get(i));
        }
        return new FieldDoc(Integer.MAX_VALUE, Float.NaN, fields);
    }

    private static @Nullable Object afterValue(SortField field, JsonNode value) {
        SortField.Type type =
                field instanceof SortedNumericSortField numeric ? numeric.getNumericType() : field.getType();
        try {
            return switch (type) {
                case SCORE -> (float) value.asDouble();
                case DOC -> value.asInt();
                case LONG -> value.isNull() ? null : Long.parseLong(value.asText());
                case DOUBLE -> value.isNull() ? null : Double.parseDouble(value.asText());
                default -> value.isNull() ? null : new BytesRef(value.asText());
            };
        } catch (NumberFormatException e) {
            throw IndexException.illegalArgument(
                    "Failed to parse search_after value [" + value.asText() + "] for field [" + field.getField() + "]");
        }
    }

    /** Converts a Lucene sort value to the JSON value Elasticsearch returns in {@code sort}. */
    static @Nullable Object toJsonValue(@Nullable Object value) {
        if (value instanceof BytesRef bytes) {
            return bytes.utf8ToString();
        }
        return value;
    }
}
