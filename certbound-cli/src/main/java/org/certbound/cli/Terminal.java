package org.certbound.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The process's standard input, environment and console, behind one type so that tests can supply their own.
 *
 * <p>Standard output and error are not here: commands write to picocli's {@code CommandLine.getOut()} and
 * {@code getErr()}, which tests replace with {@code setOut} and {@code setErr}.
 */
public final class Terminal {

    private final InputStream in;
    private final Map<String, String> environment;
    private final boolean useConsole;
    private BufferedReader reader;

    private Terminal(InputStream in, Map<String, String> environment, boolean useConsole) {
        this.in = Objects.requireNonNull(in, "in");
        this.environment = Map.copyOf(environment);
        this.useConsole = useConsole;
    }

    /** Returns the terminal of this process: {@code System.in}, the real environment and the console. */
    public static Terminal system() {
        return new Terminal(System.in, System.getenv(), true);
    }

    /** Returns a terminal with the given input and environment and no console, for tests and embedding. */
    public static Terminal of(InputStream in, Map<String, String> environment) {
        return new Terminal(in, environment, false);
    }

    /** Returns the value of an environment variable, or empty when it is not set. */
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    /**
     * Reads one line of standard input as a secret, without the line terminator.
     *
     * @throws CliException when standard input is closed before any character arrives
     */
    public char[] readSecretLine(String secretName) {
        try {
            BufferedReader lines = lineReader();
            CharBuffer buffer = CharBuffer.allocate(1024);
            int c;
            boolean any = false;
            while ((c = lines.read()) != -1 && c != '\n') {
                any = true;
                if (c == '\r') {
                    continue;
                }
                if (!buffer.hasRemaining()) {
                    throw CliException.usage(
                            "[%s] read from standard input is longer than 1024 characters", secretName);
                }
                buffer.put((char) c);
            }
            if (!any && c == -1) {
                throw CliException.usage("standard input closed before [%s] was read", secretName);
            }
            char[] value = Arrays.copyOf(buffer.array(), buffer.position());
            Arrays.fill(buffer.array(), '\0');
            return value;
        } catch (IOException e) {
            throw CliException.usage("failed to read [%s] from standard input: %s", secretName, e.getMessage());
        }
    }

    /**
     * Prompts for a secret on the console without echoing it.
     *
     * @return the secret, or empty when there is no console (input or output is redirected)
     */
    public Optional<char[]> promptSecret(String prompt) {
        Console console = useConsole ? System.console() : null;
        if (console == null) {
            return Optional.empty();
        }
        char[] value = console.readPassword("%s: ", prompt);
        return Optional.ofNullable(value);
    }

    private BufferedReader lineReader() {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return reader;
    }
}
