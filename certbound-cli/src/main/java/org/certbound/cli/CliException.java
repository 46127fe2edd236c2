package org.certbound.cli;

import java.util.Locale;

/**
 * A failure that a command reports as one error line and an exit code, without a stack trace.
 *
 * <p>Messages name the option, file or value at fault and what to do; they never contain a password or
 * key material.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Returns a usage or input error, exit code {@link ExitCodes#USAGE}. */
    public static CliException usage(String format, Object... args) {
        return new CliException(ExitCodes.USAGE, String.format(Locale.ROOT, format, args), null);
    }

    /** Returns a usage or input error with its cause, exit code {@link ExitCodes#USAGE}. */
    public static CliException usage(Throwable cause, String format, Object... args) {
        return new CliException(ExitCodes.USAGE, String.format(Locale.ROOT, format, args), cause);
    }

    /** Returns an error with the given exit code. */
    public static CliException withExitCode(int exitCode, String format, Object... args) {
        return new CliException(exitCode, String.format(Locale.ROOT, format, args), null);
    }

    /** Returns the process exit code for this failure. */
    public int exitCode() {
        return exitCode;
    }
}
