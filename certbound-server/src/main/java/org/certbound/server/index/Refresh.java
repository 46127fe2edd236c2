package org.certbound.server.index;

import org.jspecify.annotations.Nullable;

/** The {@code refresh} parameter of write requests. */
public enum Refresh {
    /** Returns without making the write visible to search; the periodic refresh will. */
    FALSE,
    /** Refreshes the index before returning, so the write is visible to search. */
    TRUE,
    /**
     * Returns once a refresh has made the write visible to search.
     *
     * <p>NOTE: this refreshes at once, like {@link #TRUE}, rather than waiting for the periodic refresh, and the
     * response then omits {@code forced_refresh}.
     */
    WAIT_FOR;

    /**
     * Parses the parameter: absent or {@code false} is {@link #FALSE}; {@code ""} or {@code true} is {@link #TRUE}.
     *
     * @throws IndexException {@code illegal_argument_exception} for any other value
     */
    public static Refresh parse(@Nullable String value) {
        if (value == null || value.equals("false")) {
            return FALSE;
        } else if (value.isEmpty() || value.equals("true")) {
            return TRUE;
        } else if (value.equals("wait_for")) {
            return WAIT_FOR;
        }
        throw IndexException.illegalArgument(
                "Unknown value for refresh: [" + value + "]; expected one of [true, false, wait_for]");
    }
}
