package org.certbound.server.index.mapping;

import java.util.Locale;
import org.certbound.server.index.IndexException;

/** The treatment of fields that a mapping does not yet map, as Elasticsearch's {@code dynamic} setting. */
public enum DynamicMode {
    /** Adds the field to the mapping and indexes it. */
    TRUE,
    /** Keeps the field in {@code _source} but neither maps nor indexes it. */
    FALSE,
    /** Rejects the document. */
    STRICT;

    /** Returns the value as written in mappings. */
    public String jsonValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a {@code dynamic} value: {@code true}, {@code false} or {@code strict}, as a boolean or a string.
     *
     * @throws IndexException {@code mapper_parsing_exception} for any other value
     */
    public static DynamicMode parse(String value) {
        return switch (value) {
            case "true" -> TRUE;
            case "false" -> FALSE;
            case "strict" -> STRICT;
            default ->
                throw new IndexException(
                        400,
                        "mapper_parsing_exception",
                        "Could not convert [dynamic] to boolean or [strict], got [" + value
                                + "]; expected one of [true, false, strict]");
        };
    }
}
