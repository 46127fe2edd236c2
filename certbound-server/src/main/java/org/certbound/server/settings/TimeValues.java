package org.certbound.server.settings;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and formats Elasticsearch time values such as {@code 500ms}, {@code 30s} or {@code 7d}. */
public final class TimeValues {

    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(nanos|micros|ms|s|m|h|d)");

    private TimeValues() {}

    /**
     * Parses {@code text} and checks it is at least {@code min}.
     *
     * @throws IllegalArgumentException when the unit is missing or unknown, or the value is too small
     */
    public static Duration parse(String text, Duration min) {
        Matcher matcher = TIME.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("missing or unknown time unit");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the number is too large", e);
        }
        Duration value = switch (matcher.group(2)) {
            case "nanos" -> Duration.ofNanos(amount);
            case "micros" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (min != null && value.compareTo(min) < 0) {
            throw new IllegalArgumentException("must be at least [" + format(min) + "]");
        }
        return value;
    }

    /** Formats {@code value} in the largest unit that represents it exactly. */
    public static String format(Duration value) {
        if (value == null) {
            return null;
        }
        long nanos = value.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % Duration.ofDays(1).toNanos() == 0) {
            return value.toDays() + "d";
        }
        if (nanos % Duration.ofHours(1).toNanos() == 0) {
            return value.toHours() + "h";
        }
        if (nanos % Duration.ofMinutes(1).toNanos() == 0) {
            return value.toMinutes() + "m";
        }
        if (nanos % Duration.ofSeconds(1).toNanos() == 0) {
            return value.toSeconds() + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return value.toMillis() + "ms";
        }
        if (nanos % 1_000L == 0) {
            return (nanos / 1_000L) + "micros";
        }
        return nanos + "nanos";
    }
}
