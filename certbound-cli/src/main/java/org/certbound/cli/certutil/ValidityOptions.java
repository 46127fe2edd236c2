package org.certbound.cli.certutil;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.certbound.cli.CliException;
import picocli.CommandLine.Option;

/** The {@code --days}, {@code --not-before} and {@code --not-after} options. */
final class ValidityOptions {

    @Option(
            names = "--days",
            paramLabel = "N",
            description = "Days of validity from the start (default: 1095 for a CA, 365 for a certificate).")
    Integer days;

    @Option(
            names = "--not-before",
            paramLabel = "INSTANT",
            description = "Start of validity as an ISO-8601 instant, e.g. 2030-01-01T00:00:00Z (default: now).")
    String notBefore;

    @Option(
            names = "--not-after",
            paramLabel = "INSTANT",
            description = "End of validity as an ISO-8601 instant; replaces --days.")
    String notAfter;

    /** Returns {@code [start, end]}, applying {@code defaultDays} when neither {@code --days} nor an end is given. */
    Instant[] resolve(Instant now, int defaultDays) {
        if (days != null && notAfter != null) {
            throw CliException.usage("[--days] and [--not-after] both set the end of validity: pass only one");
        }
        if (days != null && days < 1) {
            throw CliException.usage("[--days] is [%d]: it must be >= 1", days);
        }
        Instant start = notBefore == null ? now.truncatedTo(ChronoUnit.SECONDS) : parse("--not-before", notBefore);
        Instant end = notAfter == null
                ? start.plus(Duration.ofDays(days == null ? defaultDays : days))
                : parse("--not-after", notAfter);
        if (!end.isAfter(start)) {
            throw CliException.usage(
                    "the validity ends [%s] before it starts [%s]: fix --not-before or --not-after", end, start);
        }
        return new Instant[] {start, end};
    }

    private static Instant parse(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliException.usage(
                    "[%s] value [%s] is not an ISO-8601 instant: write it like 2030-01-01T00:00:00Z", option, value);
        }
    }
}
