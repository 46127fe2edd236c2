package org.certbound.server.index.mapping;

import static java.time.temporal.ChronoField.DAY_OF_MONTH;
import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.MONTH_OF_YEAR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;
import static java.time.temporal.ChronoField.YEAR;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.SignStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A date format as Elasticsearch writes it: one or more formats joined by {@code ||}, each a built-in name
 * ({@code strict_date_optional_time}, {@code date_optional_time}, {@code strict_date}, {@code epoch_millis},
 * {@code epoch_second}) or a {@link DateTimeFormatter} pattern. Parsing tries each format in turn; formatting uses the
 * first. Dates without an offset are read in the given zone, UTC by default.
 */
public final class DateFormat {
    /** The default format of {@code date} fields. */
    public static final DateFormat DEFAULT = parse("strict_date_optional_time||epoch_millis");

    private static final DateTimeFormatter ISO_OUTPUT = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_INPUT = isoOptionalTime();

    private final String spec;
    private final List<Element> elements;

    private DateFormat(String spec, List<Element> elements) {
        this.spec = spec;
        this.elements = List.copyOf(elements);
    }

    /**
     * Parses a format specification such as {@code yyyy-MM-dd||epoch_millis}.
     *
     * @throws IllegalArgumentException when a pattern is not a valid {@link DateTimeFormatter} pattern
     */
    public static DateFormat parse(String spec) {
        List<Element> elements = new ArrayList<>();
        for (String part : spec.split("\\|\\|")) {
            elements.add(element(part.trim()));
        }
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("Invalid date format [" + spec + "]: the format is empty");
        }
        return new DateFormat(spec, elements);
    }

    /** Returns the specification this format was parsed from. */
    public String spec() {
        return spec;
    }

    /** Parses a date to epoch milliseconds in UTC. */
    public long parseMillis(String text) {
        return parseWithPrecision(text, ZoneOffset.UTC).epochMillis();
    }

    /**
     * Parses a date and reports the finest unit the text gave, so a range bound such as {@code lte: 2024-01-01} can be
     * rounded up to the end of that day as Elasticsearch does.
     *
     * @throws IllegalArgumentException when no format of this specification parses the text
     */
    public ParsedDate parseWithPrecision(String text, ZoneId zone) {
        IllegalArgumentException last = null;
        for (Element element : elements) {
            try {
                return element.parse(text, zone);
            } catch (DateTimeParseException | IllegalArgumentException | ArithmeticException e) {
                last = new IllegalArgumentException(
                        "failed to parse date field [" + text + "] with format [" + spec + "]", e);
            }
        }
        throw last;
    }

    /** Formats epoch milliseconds with the first format of this specification. */
    public String format(long epochMillis) {
        return elements.get(0).format(epochMillis);
    }

    @Override
    public String toString() {
        return spec;
    }

    /** A parsed date with the finest unit that its text specified. */
    public record ParsedDate(long epochMillis, ChronoUnit precision) {}

    private interface Element {
        ParsedDate parse(String text, ZoneId zone);

        String format(long epochMillis);
    }

    private static Element element(String name) {
        return switch (name) {
            case "strict_date_optional_time", "date_optional_time", "strict_date_time", "date_time" -> new Iso();
            case "epoch_millis" -> new Epoch(1);
            case "epoch_second" -> new Epoch(1000);
            case "strict_date", "date" -> new Pattern("uuuu-MM-dd");
            default -> new Pattern(name);
        };
    }

    private static DateTimeFormatter isoOptionalTime() {
        return new DateTimeFormatterBuilder()
                .appendValue(YEAR, 4, 9, SignStyle.NORMAL)
                .optionalStart()
                .appendLiteral('-')
                .appendValue(MONTH_OF_YEAR, 2)
                .optionalStart()
                .appendLiteral('-')
                .appendValue(DAY_OF_MONTH, 2)
                .optionalStart()
                .appendLiteral('T')
                .appendValue(HOUR_OF_DAY, 2)
                .optionalStart()
                .appendLiteral(':')
                .appendValue(MINUTE_OF_HOUR, 2)
                .optionalStart()
                .appendLiteral(':')
                .appendValue(SECOND_OF_MINUTE, 2)
                .optionalStart()
                .appendFraction(NANO_OF_SECOND, 1, 9, true)
                .optionalEnd()
                .optionalEnd()
                .optionalEnd()
                .optionalStart()
                .appendOffset("+HH:MM", "Z")
                .optionalEnd()
                .optionalStart()
                .appendOffset("+HHMM", "Z")
                .optionalEnd()
                .optionalEnd()
                .optionalEnd()
                .optionalEnd()
                .toFormatter(Locale.ROOT);
    }

    private static ParsedDate resolve(TemporalAccessor parsed, ZoneId zone) {
        int month = parsed.isSupported(MONTH_OF_YEAR) ? parsed.get(MONTH_OF_YEAR) : 1;
        int day = parsed.isSupported(DAY_OF_MONTH) ? parsed.get(DAY_OF_MONTH) : 1;
        int hour = parsed.isSupported(HOUR_OF_DAY) ? parsed.get(HOUR_OF_DAY) : 0;
        int minute = parsed.isSupported(MINUTE_OF_HOUR) ? parsed.get(MINUTE_OF_HOUR) : 0;
        int second = parsed.isSupported(SECOND_OF_MINUTE) ? parsed.get(SECOND_OF_MINUTE) : 0;
        int nano = parsed.isSupported(NANO_OF_SECOND) ? parsed.get(NANO_OF_SECOND) : 0;
        LocalDateTime local = LocalDateTime.of(parsed.get(YEAR), month, day, hour, minute, second, nano);
        ZoneOffset offset = parsed.query(TemporalQueries.offset());
        Instant instant =
                offset != null ? local.toInstant(offset) : local.atZone(zone).toInstant();
        return new ParsedDate(instant.toEpochMilli(), precisionOf(parsed));
    }

    private static ChronoUnit precisionOf(TemporalAccessor parsed) {
        if (parsed.isSupported(NANO_OF_SECOND)) {
            return ChronoUnit.MILLIS;
        } else if (parsed.isSupported(SECOND_OF_MINUTE)) {
            return ChronoUnit.SECONDS;
        } else if (parsed.isSupported(MINUTE_OF_HOUR)) {
            return ChronoUnit.MINUTES;
        } else if (parsed.isSupported(HOUR_OF_DAY)) {
            return ChronoUnit.HOURS;
        } else if (parsed.isSupported(DAY_OF_MONTH)) {
            return ChronoUnit.DAYS;
        } else if (parsed.isSupported(MONTH_OF_YEAR)) {
            return ChronoUnit.MONTHS;
        }
        return ChronoUnit.YEARS;
    }

    private static final class Iso implements Element {
        @Override
        public ParsedDate parse(String text, ZoneId zone) {
            return resolve(ISO_INPUT.parse(text), zone);
        }

        @Override
        public String format(long epochMillis) {
            return ISO_OUTPUT.format(Instant.ofEpochMilli(epochMillis));
        }
    }

    private static final class Epoch implements Element {
        private final long millisPerUnit;

        Epoch(long millisPerUnit) {
            this.millisPerUnit = millisPerUnit;
        }

        @Override
        public ParsedDate parse(String text, ZoneId zone) {
            long millis = new BigDecimal(text.trim())
                    .multiply(BigDecimal.valueOf(millisPerUnit))
                    .longValue();
            return new ParsedDate(millis, ChronoUnit.MILLIS);
        }

        @Override
        public String format(long epochMillis) {
            return millisPerUnit == 1 ? Long.toString(epochMillis) : Long.toString(epochMillis / millisPerUnit);
        }
    }

    private static final class Pattern implements Element {
        private final DateTimeFormatter formatter;

        Pattern(String pattern) {
            this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
        }

        @Override
        public ParsedDate parse(String text, ZoneId zone) {
            return resolve(formatter.parse(text), zone);
        }

        @Override
        public String format(long epochMillis) {
            return formatter.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
        }
    }
}
