package org.certbound.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reads secrets from the console without echo, or line by line from standard input when it is not a console,
 * so scripts can pipe values in. Nothing read here is ever printed.
 */
final class Terminal {

    private final BufferedReader stdin;

    Terminal() {
        this.stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    }

    /**
     * Reads one secret line.
     *
     * @throws IOException when standard input ends before a line
     */
    char[] readSecret(String prompt, PrintWriter err) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] value = console.readPassword("%s: ", prompt);
            if (value == null) {
                throw new IOException("no input for [" + prompt + "]");
            }
            return value;
        }
        String line = stdin.readLine();
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
        while ((read = stdin.read(buffer)) > 0) {
            all.append(buffer, 0, read);
        }
        java.util.Arrays.fill(buffer, '\0');
        int end = all.length();
        while (end > 0 && (all.charAt(end - 1) == '\n' || all.charAt(end - 1) == '\r')) {
            end--;
        }
        char[] value = new char[end];
        all.getChars(0, end, value, 0);
        all.setLength(0);
        return value;
    }

    /** Asks for a new secret twice and checks both match. */
    char[] readNewSecret(String prompt, PrintWriter err) throws IOException {
        char[] first = readSecret(prompt, err);
        if (System.console() == null) {
            return first;
        }
        char[] second = readSecret("Repeat " + prompt.toLowerCase(java.util.Locale.ROOT), err);
        boolean same = java.util.Arrays.equals(first, second);
        java.util.Arrays.fill(second, '\0');
        if (!same) {
            java.util.Arrays.fill(first, '\0');
            throw new IOException("the two entries do not match");
        }
        return first;
    }
}
