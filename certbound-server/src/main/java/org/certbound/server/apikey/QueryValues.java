package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Conversion and comparison of query values against stored key values. */
final class QueryValues {
    private static final Pattern DATE_MATH = Pattern.compile("now(?:([+-])(\\d+)([smhdw]))?");

    private QueryValues() {}

    /**
     * Converts a query value for {@code field}: epoch milliseconds for dates, a boolean for {@code invalidated}, and a
     * string or number otherwise.
     */
    static Object parse(String field, JsonNode value, Clock clock) {
        if (!value.isValueNode() || value.isNull()) {
            throw JsonFields.wrongType("query", field, "a string, number or boolean", value);
        }
        if (ApiKeyQueryFields.isDate(field)) {
            return value.isNumber() ? value.longValue() : date(field, value.asText(), clock);
        }
        if (field.equals("invalidated")) {
            String text = value.asText();
            if (!text.equals("true") && !text.equals("false")) {
                throw new IllegalArgumentException(
                        "field [invalidated] takes [true] or [false] but the query gave [" + text + "]");
            }
            return Boolean.parseBoolean(text);
        }
        return value.isNumber() ? value.decimalValue() : value.asText();
    }

    static boolean equal(Object stored, Object expected, boolean caseInsensitive) {
        BigDecimal a = number(stored);
        BigDecimal b = number(expected);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        String left = text(stored);
        String right = text(expected);
        return caseInsensitive ? left.equalsIgnoreCase(right) : left.equals(right);
    }

    /** Compares numerically when both sides are numbers, else as strings. */
    static int compare(Object stored, Object bound) {
        BigDecimal a = number(stored);
        BigDecimal b = number(bound);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return text(stored).compareTo(text(bound));
    }

    static String text(Object value) {
        return value instanceof BigDecimal decimal
                ? decimal.stripTrailingZeros().toPlainString()
                : value.toString();
    }

    /** Translates a wildcard pattern ({@code *} any run, {@code ?} one character) into an anchored regex. */
    static Pattern glob(String glob, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder(glob.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        return null;
    }

    private static long date(String field, String text, Clock clock) {
        Matcher math = DATE_MATH.matcher(text.trim());
        if (math.matches()) {
            Instant now = clock.instant();
            if (math.group(1) == null) {
                return now.toEpochMilli();
            }
            Duration offset = unit(math.group(3)).multipliedBy(Long.parseLong(math.group(2)));
            return (math.group(1).equals("+") ? now.plus(offset) : now.minus(offset)).toEpochMilli();
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDate.parse(text)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeParseException notDate) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException notNumber) {
                    throw new IllegalArgumentException("field [" + field + "] takes a date but the query gave ["
                            + text + "]; use epoch milliseconds, ISO-8601 such as [2026-01-31T12:00:00Z], or "
                            + "[now-7d] (units s, m, h, d, w)");
                }
            }
        }
    }

    private static Duration unit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
    }
}
