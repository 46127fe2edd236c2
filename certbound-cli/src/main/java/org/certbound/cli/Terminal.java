package org.certbound.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
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

    /** Creates the terminal of this process, for the keystore and users commands. */
    Terminal() {
        this(System.in, System.getenv(), true);
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

    /**
     * Reads one secret: from the console without echo when there is one, else one line of standard input.
     *
     * @throws IOException when standard input ends before a line
     */
    char[] readSecret(String prompt, PrintWriter err) throws IOException {
        Optional<char[]> prompted = promptSecret(prompt);
        if (prompted.isPresent()) {
            return prompted.get();
        }
        String line = lineReader().readLine();
        if (line == null) {
            throw new IOException("standard input ended before [" + prompt + "] was read");
        }
        return line.toCharArray();
    }

    /** Reads all remaining standard input as one secret, without a trailing newline. */
    char[] readAll() throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[1024];
        int read;
        BufferedReader lines = lineReader();
        while ((read = lines.read(buffer)) > 0) {
            all.append(buffer, 0, read);
        }
        Arrays.fill(buffer, '\0');
        int end = all.length();
        while (end > 0 && (all.charAt(end - 1) == '\n' || all.charAt(end - 1) == '\r')) {
            end--;
        }
        char[] value = new char[end];
        all.getChars(0, end, value, 0);
        all.setLength(0);
        return value;
    }

    /** Reads a new secret; on a console it is asked twice and both entries must match. */
    char[] readNewSecret(String prompt, PrintWriter err) throws IOException {
        char[] first = readSecret(prompt, err);
        if (!useConsole || System.console() == null) {
            return first;
        }
        char[] second = readSecret("Repeat " + prompt.toLowerCase(Locale.ROOT), err);
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new IOException("the two entries do not match");
        }
        return first;
    }

    private BufferedReader lineReader() {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return reader;
    }
}
