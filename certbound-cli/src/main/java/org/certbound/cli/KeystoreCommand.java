package org.certbound.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.node.NodeMain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code certbound keystore}: manages {@code <config>/certbound.keystore}. Values come from the console, from
 * standard input or from a file, and are never printed. The password of a protected keystore is asked first (or
 * read from the file named by {@code CERTBOUND_KEYSTORE_PASSPHRASE_FILE}).
 */
@Command(
        name = "keystore",
        mixinStandardHelpOptions = true,
        description = "Manages the secure settings in <config>/certbound.keystore.",
        subcommands = {
            KeystoreCommand.Create.class,
            KeystoreCommand.ListEntries.class,
            KeystoreCommand.Add.class,
            KeystoreCommand.AddFile.class,
            KeystoreCommand.Remove.class,
            KeystoreCommand.Passwd.class,
            KeystoreCommand.HasPasswd.class
        })
final class KeystoreCommand implements Runnable {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The base of the keystore subcommands, which reports a failure as one line and exit code 1. */
    abstract static class Base extends ConfigDirCommand implements Callable<Integer> {

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (KeystoreException | IOException | IllegalArgumentException e) {
                err().println("certbound keystore: " + e.getMessage());
                return 1;
            }
        }

        abstract int execute() throws KeystoreException, IOException;

        char[] existingPassword() throws KeystoreException, IOException {
            if (!CertboundKeystore.hasPassword(configDir())) {
                return new char[0];
            }
            String file = System.getenv(NodeMain.PASSPHRASE_FILE_ENV);
            if (file != null) {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8)
                        .strip()
                        .toCharArray();
            }
            return terminal.readSecret("Enter the password of the certbound keystore", err());
        }

        /** Opens the keystore, or creates an unprotected one when {@code create} and it is missing. */
        CertboundKeystore open(boolean create, char[][] passwordHolder) throws KeystoreException, IOException {
            if (!CertboundKeystore.exists(configDir())) {
                if (!create) {
                    throw new KeystoreException(
                            "the keystore [" + CertboundKeystore.path(configDir())
                                    + "] does not exist; run [certbound keystore create]",
                            null);
                }
                passwordHolder[0] = new char[0];
                return CertboundKeystore.create();
            }
            passwordHolder[0] = existingPassword();
            return CertboundKeystore.load(configDir(), passwordHolder[0]);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a new, empty keystore.")
    static final class Create extends Base {

        @Option(
                names = {"-p", "--password"},
                description = "Asks for a password that protects the keystore.")
        boolean password;

        @Option(
                names = {"-f", "--force"},
                description = "Replaces an existing keystore.")
        boolean force;

        @Override
        int execute() throws KeystoreException, IOException {
            if (CertboundKeystore.exists(configDir()) && !force) {
                throw new KeystoreException(
                        "the keystore [" + CertboundKeystore.path(configDir())
                                + "] already exists; use [--force] to replace it",
                        null);
            }
            char[] secret = password ? terminal.readNewSecret("Enter a new keystore password", err()) : new char[0];
            try (CertboundKeystore keystore = CertboundKeystore.create()) {
                keystore.save(configDir(), secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
            out().println("Created the keystore [" + CertboundKeystore.path(configDir()) + "]");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the entry names, never the values.")
    static final class ListEntries extends Base {

        @Override
        int execute() throws KeystoreException, IOException {
            char[][] password = {new char[0]};
            try (CertboundKeystore keystore = open(false, password)) {
                keystore.keys().forEach(out()::println);
            } finally {
                Arrays.fill(password[0], '\0');
            }
            return 0;
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds string entries; each value is read from the console or from standard input.")
    static final class Add extends Base {

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "The setting names, such as bootstrap.password.")
        List<String> names;

        @Option(
                names = {"-x", "--stdin"},
                description =
                        "Reads the values from standard input: all of it for one name, one line each for several.")
        boolean stdin;

        @Option(
                names = {"-f", "--force"},
                description = "Replaces existing entries.")
        boolean force;

        @Override
        int execute() throws KeystoreException, IOException {
            names.forEach(CertboundKeystore::validateName);
            char[][] password = {new char[0]};
            try (CertboundKeystore keystore = open(true, password)) {
                for (String name : names) {
                    if (keystore.keys().contains(name) && !force) {
                        throw new KeystoreException(
                                "the keystore already has [" + name + "]; use [--force] to replace it", null);
                    }
                    char[] value = stdin && names.size() == 1
                            ? terminal.readAll()
                            : terminal.readSecret("Enter the value of [" + name + "]", err());
                    try {
                        keystore.setString(name, value);
                    } finally {
                        Arrays.fill(value, '\0');
                    }
                }
                keystore.save(configDir(), password[0]);
            } finally {
                Arrays.fill(password[0], '\0');
            }
            return 0;
        }
    }

    @Command(name = "add-file", mixinStandardHelpOptions = true, description = "Adds a file entry from a file.")
    static final class AddFile extends Base {

        @Parameters(index = "0", paramLabel = "NAME", description = "The setting name.")
        String name;

        @Parameters(index = "1", paramLabel = "FILE", description = "The file whose content becomes the value.")
        Path file;

        @Option(
                names = {"-f", "--force"},
                description = "Replaces an existing entry.")
        boolean force;

        @Override
        int execute() throws KeystoreException, IOException {
            CertboundKeystore.validateName(name);
            byte[] content = Files.readAllBytes(file);
            char[][] password = {new char[0]};
            try (CertboundKeystore keystore = open(true, password)) {
                if (keystore.keys().contains(name) && !force) {
                    throw new KeystoreException(
                            "the keystore already has [" + name + "]; use [--force] to replace it", null);
                }
                keystore.setFile(name, content);
                keystore.save(configDir(), password[0]);
            } finally {
                Arrays.fill(content, (byte) 0);
                Arrays.fill(password[0], '\0');
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes entries.")
    static final class Remove extends Base {

        @Parameters(arity = "1..*", paramLabel = "NAME", description = "The setting names.")
        List<String> names;

        @Override
        int execute() throws KeystoreException, IOException {
            char[][] password = {new char[0]};
            try (CertboundKeystore keystore = open(false, password)) {
                for (String name : names) {
                    if (!keystore.remove(name)) {
                        throw new KeystoreException("the keystore has no entry [" + name + "]", null);
                    }
                }
                keystore.save(configDir(), password[0]);
            } finally {
                Arrays.fill(password[0], '\0');
            }
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Changes or sets the keystore password.")
    static final class Passwd extends Base {

        @Override
        int execute() throws KeystoreException, IOException {
            char[][] password = {new char[0]};
            char[] next = new char[0];
            try (CertboundKeystore keystore = open(false, password)) {
                next = terminal.readNewSecret("Enter the new keystore password", err());
                keystore.save(configDir(), next);
            } finally {
                Arrays.fill(password[0], '\0');
                Arrays.fill(next, '\0');
            }
            out().println("Changed the keystore password");
            return 0;
        }
    }

    @Command(
            name = "has-passwd",
            mixinStandardHelpOptions = true,
            description = "Exits with 0 when the keystore is password-protected, 1 otherwise.")
    static final class HasPasswd extends Base {

        @Override
        int execute() throws KeystoreException {
            if (!CertboundKeystore.exists(configDir())) {
                throw new KeystoreException(
                        "the keystore [" + CertboundKeystore.path(configDir())
                                + "] does not exist; run [certbound keystore create]",
                        null);
            }
            if (CertboundKeystore.hasPassword(configDir())) {
                out().println("The keystore is password-protected");
                return 0;
            }
            out().println("The keystore is not password-protected");
            return 1;
        }
    }
}
