package org.certbound.cli;

import java.util.Arrays;

/**
 * Resolves a password from one of three sources: a line of standard input, an environment variable, or a prompt
 * on the console that does not echo.
 *
 * <p>A secret never comes from a command-line argument, because other users of the machine can read those in
 * the process table.
 */
public final class SecretInput {

    private SecretInput() {}

    /**
     * Returns the secret from the chosen source.
     *
     * @param what the secret's name in prompts and errors, for example {@code "PKCS#12 password"}
     * @param stdinOption the option that selects standard input, for errors
     * @param fromStdin whether to read one line of standard input
     * @param envOption the option that names an environment variable, for errors
     * @param envName the environment variable to read, or null
     * @param confirm whether to prompt twice and compare, for a new secret
     * @throws CliException when both sources are chosen, the variable is unset, there is no console to prompt on,
     *     or the two prompted values differ
     */
    public static char[] resolve(
            Terminal terminal,
            String what,
            String stdinOption,
            boolean fromStdin,
            String envOption,
            String envName,
            boolean confirm) {
        if (fromStdin && envName != null) {
            throw CliException.usage("[%s] and [%s] both give the %s: pass only one", stdinOption, envOption, what);
        }
        if (fromStdin) {
            return terminal.readSecretLine(what);
        }
        if (envName != null) {
            return terminal.env(envName)
                    .map(String::toCharArray)
                    .orElseThrow(() -> CliException.usage(
                            "environment variable [%s] named by [%s] is not set", envName, envOption));
        }
        return prompt(terminal, what, stdinOption, envOption, confirm);
    }

    private static char[] prompt(
            Terminal terminal, String what, String stdinOption, String envOption, boolean confirm) {
        char[] first = terminal.promptSecret("Enter the " + what)
                .orElseThrow(() -> CliException.usage(
                        "the %s is required and there is no console to prompt on: pass [%s] or [%s NAME]",
                        what, stdinOption, envOption));
        if (!confirm) {
            return first;
        }
        char[] second = terminal.promptSecret("Enter the " + what + " again").orElse(new char[0]);
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw CliException.usage("the two %s entries differ: run the command again", what);
            }
        } finally {
            Arrays.fill(second, '\0');
        }
        return first;
    }
}
