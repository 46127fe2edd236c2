package org.certbound.identity.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code openssl} and {@code keytool} in a directory to make files the way operators make them. Tests that use
 * it are integration tests, because they start processes.
 */
public final class OperatorTools {
    private final Path directory;

    public OperatorTools(Path directory) {
        this.directory = directory;
    }

    /** Returns whether {@code openssl} can be started. */
    public static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs {@code openssl} with the arguments and returns its combined output; fails on a non-zero exit. */
    public String openssl(String... arguments) {
        return run("openssl", arguments);
    }

    /** Runs the {@code keytool} of the running JDK with the arguments; fails on a non-zero exit. */
    public String keytool(String... arguments) {
        return run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), arguments);
    }

    /** Runs a shell command line with {@code sh -c}, for recipes written as shell commands. */
    public String shell(String commandLine) {
        return run("sh", "-c", commandLine);
    }

    /** Returns a path inside the working directory. */
    public Path file(String name) {
        return directory.resolve(name);
    }

    private String run(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
