package org.certbound.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The base of the subcommands that work on files in the config directory: the option, the terminal, the output. */
abstract class ConfigDirCommand {

    @Mixin
    ConfigDirOption config;

    @Spec
    CommandSpec spec;

    final Terminal terminal = new Terminal();

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Path configDir() {
        return config.resolve();
    }
}
