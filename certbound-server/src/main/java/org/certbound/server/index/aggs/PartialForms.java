package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.certbound.server.index.mapping.DateFormat;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.jspecify.annotations.Nullable;

/**
 * The parts that every partial aggregation shares: the type and date format of the field, which the merging side
 * needs to render typed names, {@code key_as_string} and {@code value_as_string} as the cluster that read the field
 * would.
 */
final class PartialForms {
    private PartialForms() {}

    /** Adds {@code field_type} and, for a date field, {@code format}; an unmapped field adds nothing. */
    static void putMapping(ObjectNode partial, @Nullable FieldMapping mapping) {
        if (mapping == null) {
            return;
        }
        partial.put("field_type", mapping.type().typeName());
        if (mapping.type() == FieldType.DATE) {
            partial.put("format", mapping.dateFormat().spec());
        }
    }

    /**
     * Returns the mapping that a partial form describes, or {@code current} when the partial names no known type or
     * {@code current} is already set. A date format that does not parse falls back to the default one.
     */
    static @Nullable FieldMapping mapping(String field, JsonNode partial, @Nullable FieldMapping current) {
        if (current != null) {
            return current;
        }
        Optional<FieldType> type =
                FieldType.fromTypeName(partial.path("field_type").asText(""));
        if (type.isEmpty()) {
            return null;
        }
        DateFormat format = null;
        if (type.get() == FieldType.DATE && partial.path("format").isTextual()) {
            try {
                format = DateFormat.parse(partial.get("format").asText());
            } catch (IllegalArgumentException e) {
                format = DateFormat.DEFAULT;
            }
        }
        return new FieldMapping(field, type.get(), format, FieldMapping.NO_IGNORE_ABOVE, java.util.List.of(), null);
    }

    /** Returns a bucket or term key read back from JSON: a string, a whole number as a long, or a double. */
    static Object key(JsonNode key) {
        if (key.isTextual()) {
            return key.textValue();
        }
        if (key.isIntegralNumber()) {
            return key.longValue();
        }
        return key.asDouble();
    }
}
