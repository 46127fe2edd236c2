package org.certbound.server.index.mapping;

import java.util.Locale;
import java.util.Optional;

/** The field types that mappings support, named as in Elasticsearch's {@code type} key. */
public enum FieldType {
    KEYWORD,
    TEXT,
    LONG,
    INTEGER,
    DOUBLE,
    FLOAT,
    DATE,
    BOOLEAN,
    OBJECT;

    /** Returns the name used in mappings, such as {@code keyword}. */
    public String typeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the type for a mapping {@code type} value, or empty when certbound does not support it. */
    public static Optional<FieldType> fromTypeName(String name) {
        for (FieldType type : values()) {
            if (type.typeName().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Returns whether values are whole numbers stored as longs: long, integer and date. */
    public boolean isLongValued() {
        return this == LONG || this == INTEGER || this == DATE || this == BOOLEAN;
    }

    /** Returns whether values are floating point numbers stored as sortable longs. */
    public boolean isDoubleValued() {
        return this == DOUBLE || this == FLOAT;
    }

    /** Returns whether the field has numeric doc values: numbers, dates and booleans. */
    public boolean isNumeric() {
        return isLongValued() || isDoubleValued();
    }
}
