package org.certbound.server.index.mapping;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.function.LongSupplier;

/**
 * Elasticsearch's date math: an anchor ({@code now}, or a date followed by {@code ||}) followed by any number of
 * {@code +N<unit>}, {@code -N<unit>} and {@code /<unit>} steps, with units {@code y M w d h H m s}. A rounding step
 * rounds down, or up to the last millisecond of the unit when {@code roundUp} is set, as {@code gt} and {@code lte}
 * bounds of a range need.
 */
public final class DateMath {
    private DateMath() {}

    /**
     * Resolves an expression to epoch milliseconds.
     *
     * @param expression a date, {@code now...} or {@code <date>||...}
     * @param format the format of the anchor date
     * @param zone the zone for dates without an offset and for rounding
     * @param roundUp whether rounding moves to the end of the unit, for {@code gt} and {@code lte}
     * @param now the current time in epoch milliseconds
     * @throws IllegalArgumentException when the date or the math is malformed
     */
    public static long resolve(String expression, DateFormat format, ZoneId zone, boolean roundUp, LongSupplier now) {
        String math;
        ZonedDateTime time;
        if (expression.startsWith("now")) {
            time = Instant.ofEpochMilli(now.getAsLong()).atZone(zone);
            math = expression.substring(3);
        } else {
            int separator = expression.indexOf("||");
            String anchor = separator < 0 ? expression : expression.substring(0, separator);
            DateFormat.ParsedDate parsed = format.parseWithPrecision(anchor, zone);
            if (separator < 0) {
                return roundUp ? endOfPrecision(parsed, zone) : parsed.epochMillis();
            }
            time = Instant.ofEpochMilli(parsed.epochMillis()).atZone(zone);
            math = expression.substring(separator + 2);
        }
        return applyMath(expression, math, time, roundUp).toInstant().toEpochMilli();
    }

    private static long endOfPrecision(DateFormat.ParsedDate parsed, ZoneId zone) {
        if (parsed.precision() == ChronoUnit.MILLIS) {
            return parsed.epochMillis();
        }
        ZonedDateTime start = Instant.ofEpochMilli(parsed.epochMillis()).atZone(zone);
        return start.plus(1, parsed.precision()).toInstant().toEpochMilli() - 1;
    }

    private static ZonedDateTime applyMath(String expression, String math, ZonedDateTime start, boolean roundUp) {
        ZonedDateTime time = start;
        int i = 0;
        while (i < math.length()) {
            char op = math.charAt(i++);
            if (op == '/') {
                ChronoUnit unit = unit(expression, math, i++);
                time = roundUp ? round(time, unit).plus(1, unit).minus(1, ChronoUnit.MILLIS) : round(time, unit);
                continue;
            }
            if (op != '+' && op != '-') {
                throw invalid(expression, "expected [+], [-] or [/] but found [" + op + "]");
            }
            int digits = i;
            while (i < math.length() && Character.isDigit(math.charAt(i))) {
                i++;
            }
            int amount = digits == i ? 1 : Integer.parseInt(math.substring(digits, i));
            ChronoUnit unit = unit(expression, math, i++);
            time = op == '+' ? time.plus(amount, unit) : time.minus(amount, unit);
        }
        return time;
    }

    private static ZonedDateTime round(ZonedDateTime time, ChronoUnit unit) {
        return switch (unit) {
            case YEARS -> time.with(TemporalAdjusters.firstDayOfYear()).truncatedTo(ChronoUnit.DAYS);
            case MONTHS -> time.with(TemporalAdjusters.firstDayOfMonth()).truncatedTo(ChronoUnit.DAYS);
            case WEEKS -> time.minusDays(time.getDayOfWeek().getValue() - 1L).truncatedTo(ChronoUnit.DAYS);
            default -> time.truncatedTo(unit);
        };
    }

    private static ChronoUnit unit(String expression, String math, int index) {
        if (index >= math.length()) {
            throw invalid(expression, "missing the unit after an operator");
        }
        return switch (math.charAt(index)) {
            case 'y' -> ChronoUnit.YEARS;
            case 'M' -> ChronoUnit.MONTHS;
            case 'w' -> ChronoUnit.WEEKS;
            case 'd' -> ChronoUnit.DAYS;
            case 'h', 'H' -> ChronoUnit.HOURS;
            case 'm' -> ChronoUnit.MINUTES;
            case 's' -> ChronoUnit.SECONDS;
            default -> throw invalid(expression, "unit [" + math.charAt(index) + "] not supported for date math");
        };
    }

    private static IllegalArgumentException invalid(String expression, String why) {
        return new IllegalArgumentException("failed to parse date math [" + expression + "]: " + why);
    }
}
