package org.certbound.server.index.fieldcaps;

import java.util.Objects;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;

/**
 * The capabilities of one field in one index.
 *
 * @param type the mapping type, such as {@code keyword} or {@code object}
 * @param searchable whether queries can match the field
 * @param aggregatable whether aggregations and sorting can read the field's doc values
 */
public record FieldCapability(String type, boolean searchable, boolean aggregatable) {

    /** Checks that the type is present. */
    public FieldCapability {
        Objects.requireNonNull(type, "type");
    }

    /**
     * Returns the capability of a mapped field. A {@code text} field is searchable but has no doc values, and an
     * {@code object} is neither, as in Elasticsearch.
     */
    public static FieldCapability of(FieldMapping field) {
        FieldType type = field.type();
        return switch (type) {
            case OBJECT -> new FieldCapability(type.typeName(), false, false);
            case TEXT -> new FieldCapability(type.typeName(), true, false);
            default -> new FieldCapability(type.typeName(), true, true);
        };
    }
}
