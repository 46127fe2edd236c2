package org.certbound.server.index.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Conversions of JSON values to the numbers that numeric fields hold. As in Elasticsearch, numeric strings are
 * accepted and fractions are truncated for whole-number fields.
 */
public final class FieldValues {
    private FieldValues() {}

    /**
     * Converts a JSON number or numeric string to a long, truncating any fraction.
     *
     * @throws IllegalArgumentException when the value is not a number or is out of the long range
     */
    public static long toLong(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        return toLong(value.asText());
    }

    /** Converts text to a long as {@link #toLong(JsonNode)} does. */
    public static long toLong(String text) {
        try {
            BigDecimal decimal = new BigDecimal(text.trim());
            return decimal.toBigInteger().longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("For input string: \"" + text + "\"", e);
        }
    }

    /**
     * Converts a JSON number or numeric string to a double.
     *
     * @throws IllegalArgumentException when the value is not a finite number
     */
    public static double toDouble(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return toDouble(value.asText());
    }

    /** Converts text to a double as {@link #toDouble(JsonNode)} does. */
    public static double toDouble(String text) {
        try {
            double parsed = Double.parseDouble(text.trim());
            if (!Double.isFinite(parsed)) {
                throw new IllegalArgumentException("[" + text + "] is not a finite number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("For input string: \"" + text + "\"", e);
        }
    }
}
