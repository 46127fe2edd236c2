package org.certbound.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of the tool subcommands: runs {@link #execute()} and turns a {@link CliException} into one
 * {@code ERROR:} line on standard error and its exit code.
 */
public abstract class ToolCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Terminal terminal;

    /** Creates a command that reads from the given terminal. */
    protected ToolCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (CliException e) {
            err().println("ERROR: " + e.getMessage());
            err().flush();
            return e.exitCode();
        }
    }

    /** Does the command's work and returns its exit code. */
    protected abstract int execute();

    /** Returns the standard input, environment and console of this run. */
    protected final Terminal terminal() {
        return terminal;
    }

    /** Returns the output writer of this run (picocli's {@code CommandLine.getOut()}). */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Returns the error writer of this run (picocli's {@code CommandLine.getErr()}). */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
