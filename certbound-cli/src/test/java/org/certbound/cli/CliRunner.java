package org.certbound.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the {@code certbound} command in-process with a given standard input, capturing its output. */
final class CliRunner {

    record Result(int exitCode, String out, String err) {}

    private CliRunner() {}

    static Result run(String stdin, String... args) {
        InputStream originalIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = CertboundCommand.newCommandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            int exitCode = commandLine.execute(args);
            return new Result(exitCode, out.toString(), err.toString());
        } finally {
            System.setIn(originalIn);
        }
    }
}
