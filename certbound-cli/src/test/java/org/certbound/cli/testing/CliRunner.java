package org.certbound.cli.testing;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.certbound.cli.CertboundCommand;
import org.certbound.cli.Terminal;
import org.certbound.cli.TerminalFactory;
import picocli.CommandLine;

/** Runs {@code certbound} subcommands in-process with a given standard input and environment. */
public final class CliRunner {

    private String stdin = "";
    private Map<String, String> environment = Map.of();

    /** Sets the text standard input holds. */
    public CliRunner stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** Sets the environment variables the command sees. */
    public CliRunner env(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /** Runs {@code certbound ARGS...} and returns its exit code and captured output. */
    public Result run(String... args) {
        Terminal terminal = Terminal.of(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), environment);
        CommandLine commandLine = new CommandLine(new CertboundCommand(), new TerminalFactory(terminal));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * What a run produced.
     *
     * @param exitCode the process exit code the command returned
     * @param out standard output
     * @param err standard error
     */
    public record Result(int exitCode, String out, String err) {

        /** Returns standard output and error together, for assertions that a text appears in neither. */
        public String all() {
            return out + err;
        }
    }
}
