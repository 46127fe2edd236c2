package org.certbound.server.index.aggs;

import java.io.IOException;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The doc values of one field in one segment: ordinals of a {@code keyword} field, or the numbers of a numeric, date
 * or boolean field. An unmapped field has no values.
 */
final class LeafValues {
    private final @Nullable FieldType type;
    private final @Nullable SortedSetDocValues keywords;
    private final @Nullable SortedNumericDocValues numbers;

    private LeafValues(
            @Nullable FieldType type, @Nullable SortedSetDocValues keywords, @Nullable SortedNumericDocValues numbers) {
        this.type = type;
        this.keywords = keywords;
        this.numbers = numbers;
    }

    static LeafValues open(LeafReaderContext leaf, @Nullable FieldMapping field) throws IOException {
        if (field == null) {
            return new LeafValues(null, null, null);
        }
        if (field.type() == FieldType.KEYWORD) {
            return new LeafValues(field.type(), DocValues.getSortedSet(leaf.reader(), field.path()), null);
        }
        return new LeafValues(field.type(), null, DocValues.getSortedNumeric(leaf.reader(), field.path()));
    }

    /** Returns the field type, or null when the field is unmapped. */
    @Nullable
    FieldType type() {
        return type;
    }

    boolean isKeyword() {
        return keywords != null;
    }

    /** Returns the ordinals of a keyword field, or null for any other field. */
    @Nullable
    SortedSetDocValues keywords() {
        return keywords;
    }

    /** Positions on a document and returns how many values it has. */
    int advance(int doc) throws IOException {
        if (keywords != null) {
            return keywords.advanceExact(doc) ? keywords.docValueCount() : 0;
        } else if (numbers != null) {
            return numbers.advanceExact(doc) ? numbers.docValueCount() : 0;
        }
        return 0;
    }

    /** Returns the next ordinal of a keyword document, in ascending order. */
    long nextOrd() throws IOException {
        return keywords.nextOrd();
    }

    /** Returns the term of an ordinal; the bytes are only valid until the next call. */
    BytesRef lookupOrd(long ord) throws IOException {
        return keywords.lookupOrd(ord);
    }

    /** Returns the number of distinct terms in the segment. */
    long valueCount() {
        return keywords == null ? 0 : keywords.getValueCount();
    }

    /** Returns the next value as stored: a long, or a double encoded as a sortable long. */
    long nextRaw() throws IOException {
        return numbers.nextValue();
    }

    /** Returns the next value as a double. */
    double nextDouble() throws IOException {
        return toDouble(numbers.nextValue());
    }

    /** Converts a stored value of this field to a double. */
    double toDouble(long raw) {
        return type != null && type.isDoubleValued() ? NumericUtils.sortableLongToDouble(raw) : raw;
    }
}
