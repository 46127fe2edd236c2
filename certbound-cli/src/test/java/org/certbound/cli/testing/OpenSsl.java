package org.certbound.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line, the way operators make and inspect certificates. */
public final class OpenSsl {

    private OpenSsl() {}

    /** Returns whether an {@code openssl} binary is on the PATH. */
    public static boolean available() {
        try {
            return run(Path.of("."), "version").exitCode() == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Runs {@code openssl ARGS...} in a directory and returns its exit code and combined output. */
    public static Output run(Path directory, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + args[0] + " did not finish in 60 s");
            }
            return new Output(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("failed to run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }

    /**
     * Runs openssl and fails unless it exits with 0.
     *
     * @return the combined output
     */
    public static String runOk(Path directory, String... args) {
        Output output = run(directory, args);
        if (output.exitCode() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + output.text());
        }
        return output.text();
    }

    /**
     * What openssl printed.
     *
     * @param exitCode the exit status
     * @param text standard output and error together
     */
    public record Output(int exitCode, String text) {}
}
