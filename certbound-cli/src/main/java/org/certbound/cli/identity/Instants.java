package org.certbound.cli.identity;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.certbound.cli.CliException;

/** Parses the {@code --at} option of the identity tools. */
final class Instants {

    private Instants() {}

    /** Returns the parsed instant, or now when the value is null. */
    static Instant parseOrNow(String option, String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliException.usage(
                    "[%s] value [%s] is not an ISO-8601 instant: write it like 2030-01-01T00:00:00Z", option, value);
        }
    }
}
