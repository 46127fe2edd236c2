package org.certbound.server.index.aggs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import org.certbound.server.index.IndexException;

/** The rounding of a histogram: the bucket key of a value, and the step from one key to the next. */
interface Rounding {
    double round(double value);

    double next(double key);

    /**
     * Returns the number of keys from {@code first} to {@code last}, both included. A rounding that has to step
     * through the keys stops after {@code cap + 1}, so the result is at least {@code cap + 1} when there are more than
     * {@code cap}. Both arguments must be keys of this rounding, with {@code first <= last}.
     */
    default long keyCount(double first, double last, long cap) {
        long count = 1;
        for (double key = first; key < last && count <= cap; key = next(key)) {
            count++;
        }
        return count;
    }

    /** Buckets of a fixed width starting at {@code offset}. */
    static Rounding fixed(double interval, double offset) {
        return new Rounding() {
            @Override
            public double round(double value) {
                return Math.floor((value - offset) / interval) * interval + offset;
            }

            @Override
            public double next(double key) {
                return key + interval;
            }

            // Computed, not stepped: a tiny interval over a wide range has more keys than a loop could visit.
            @Override
            public long keyCount(double first, double last, long cap) {
                double steps = Math.rint((last - first) / interval);
                return steps >= Long.MAX_VALUE - 1 ? Long.MAX_VALUE : (long) steps + 1;
            }
        };
    }

    /**
     * Calendar buckets of epoch-millisecond values: {@code minute}/{@code 1m}, {@code hour}/{@code 1h},
     * {@code day}/{@code 1d}, {@code week}/{@code 1w}, {@code month}/{@code 1M}, {@code quarter}/{@code 1q} or
     * {@code year}/{@code 1y}, in the given zone.
     */
    static Rounding calendar(AggregationSpec spec, String interval, ZoneId zone) {
        ChronoUnit unit = switch (interval) {
            case "minute", "1m" -> ChronoUnit.MINUTES;
            case "hour", "1h" -> ChronoUnit.HOURS;
            case "day", "1d" -> ChronoUnit.DAYS;
            case "week", "1w" -> ChronoUnit.WEEKS;
            case "month", "1M" -> ChronoUnit.MONTHS;
            case "quarter", "1q" -> ChronoUnit.MONTHS;
            case "year", "1y" -> ChronoUnit.YEARS;
            default ->
                throw IndexException.illegalArgument("The supplied interval [" + interval + "] could not be"
                        + " parsed as a calendar interval in [" + spec.name()
                        + "]; use one of [minute, hour, day, week,"
                        + " month, quarter, year] or [fixed_interval] for other widths");
        };
        boolean quarter = interval.equals("quarter") || interval.equals("1q");
        boolean fixedLength = unit == ChronoUnit.MINUTES || unit == ChronoUnit.HOURS || unit == ChronoUnit.DAYS;
        if (fixedLength && zone.getRules().isFixedOffset()) {
            // Without daylight saving, minutes, hours and days have a fixed length, so plain arithmetic rounds
            // them, much faster than calendar arithmetic per value.
            long offsetMillis = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L;
            return fixed(unit.getDuration().toMillis(), -offsetMillis);
        }
        return new Rounding() {
            @Override
            public double round(double value) {
                ZonedDateTime time = Instant.ofEpochMilli((long) value).atZone(zone);
                return start(time).toInstant().toEpochMilli();
            }

            @Override
            public double next(double key) {
                ZonedDateTime time = Instant.ofEpochMilli((long) key).atZone(zone);
                ZonedDateTime next = quarter ? time.plusMonths(3) : time.plus(1, unit);
                return start(next).toInstant().toEpochMilli();
            }

            private ZonedDateTime start(ZonedDateTime time) {
                if (quarter) {
                    int firstMonth = (time.getMonthValue() - 1) / 3 * 3 + 1;
                    return time.withMonth(firstMonth)
                            .with(TemporalAdjusters.firstDayOfMonth())
                            .truncatedTo(ChronoUnit.DAYS);
                }
                return switch (unit) {
                    case YEARS -> time.with(TemporalAdjusters.firstDayOfYear()).truncatedTo(ChronoUnit.DAYS);
                    case MONTHS ->
                        time.with(TemporalAdjusters.firstDayOfMonth()).truncatedTo(ChronoUnit.DAYS);
                    case WEEKS ->
                        time.minusDays(time.getDayOfWeek().getValue() - 1L).truncatedTo(ChronoUnit.DAYS);
                    default -> time.truncatedTo(unit);
                };
            }
        };
    }
}
