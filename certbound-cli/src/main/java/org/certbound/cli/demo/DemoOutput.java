package org.certbound.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Prints the demo's steps, settings, curl commands, trimmed responses and the closing table of checks. */
final class DemoOutput {

    /** Maximum response text printed; longer bodies are cut with a marker. */
    static final int MAX_RESPONSE_CHARS = 600;

    /** JSON members whose string value contains an API key secret: a create API key response has both. */
    private static final Pattern SECRET_FIELDS = Pattern.compile("\"(api_key|encoded)\"\\s*:\\s*\"[^\"]*\"");

    private final PrintWriter out;
    private final List<DemoCheck> checks = new ArrayList<>();
    private int step;

    DemoOutput(PrintWriter out) {
        this.out = out;
    }

    /** Starts a numbered step. */
    void step(String title) {
        step++;
        out.printf(Locale.ROOT, "%n== Step %d: %s%n", step, title);
        out.flush();
    }

    /** Prints a line of explanation. */
    void note(String text) {
        out.println("   " + text);
        out.flush();
    }

    /** Prints settings as they are written to a file or sent in a request. */
    void settings(String where, List<String> lines) {
        out.println("   " + where + ":");
        for (String line : lines) {
            out.println("     " + line);
        }
        out.flush();
    }

    /** Prints the curl equivalent of a REST call. */
    void curl(String command) {
        out.println("   $ " + command);
        out.flush();
    }

    /** Prints a response status and body, cut to {@link #MAX_RESPONSE_CHARS}. */
    void response(int status, String body) {
        out.println("   -> " + status + " " + trim(body));
        out.flush();
    }

    /** Rewrites a progress line in place. */
    void progress(String text) {
        out.print("\r   " + text);
        out.flush();
    }

    /** Ends a progress line. */
    void progressDone(String text) {
        out.println("\r   " + text);
        out.flush();
    }

    /** Records a check and prints its outcome. */
    void check(DemoCheck check) {
        checks.add(check);
        out.printf(Locale.ROOT, "   [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.outcome());
        out.flush();
    }

    /** Prints the table of every check and returns whether there was at least one and all passed. */
    boolean summary() {
        int nameWidth = "check".length();
        int expectedWidth = "expected".length();
        for (DemoCheck check : checks) {
            nameWidth = Math.max(nameWidth, check.name().length());
            expectedWidth = Math.max(expectedWidth, check.expected().length());
        }
        String format = "| %-" + nameWidth + "s | %-" + expectedWidth + "s | %-6s | %s%n";
        out.println();
        out.println("== Summary");
        out.printf(Locale.ROOT, format, "check", "expected", "result", "observed");
        out.printf(Locale.ROOT, format, "-".repeat(nameWidth), "-".repeat(expectedWidth), "------", "--------");
        boolean all = true;
        for (DemoCheck check : checks) {
            String result = check.passed() ? "PASS" : "FAIL";
            out.printf(Locale.ROOT, format, check.name(), check.expected(), result, check.outcome());
            all &= check.passed();
        }
        long passed = checks.stream().filter(DemoCheck::passed).count();
        out.printf(Locale.ROOT, "%n%d of %d checks behaved as expected.%n", passed, checks.size());
        out.flush();
        return all && !checks.isEmpty();
    }

    /** Flattens a body to one line, hides API key secrets and cuts it to {@link #MAX_RESPONSE_CHARS}. */
    static String trim(String body) {
        String flat = SECRET_FIELDS
                .matcher(body.replaceAll("\\s*\\n\\s*", " ").strip())
                .replaceAll("\"$1\":\"<redacted>\"");
        return flat.length() <= MAX_RESPONSE_CHARS ? flat : flat.substring(0, MAX_RESPONSE_CHARS) + " ...(trimmed)";
    }
}
