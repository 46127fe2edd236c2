package org.certbound.cli.certutil;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output directory, file names, format and password source of certutil's output. */
final class OutputOptions {

    /** Output file formats. */
    enum Format {
        pem,
        pkcs12
    }

    @Option(names = "--out-dir", paramLabel = "DIR", description = "Directory to write to (default: the current one).")
    Path outDir = Path.of(".");

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "Base name of the output files, NAME.crt and NAME.key, or NAME.p12; also the PKCS#12 alias.")
    String name;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.pem;

    @Option(
            names = "--encrypt-key",
            description = "PEM only: encrypt the private key (PKCS#8, PBES2 with AES-256-CBC) with a passphrase.")
    boolean encryptKey;

    @Option(
            names = "--pass-stdin",
            description = "Read the key passphrase or PKCS#12 password from the next line of standard input.")
    boolean passStdin;

    @Option(
            names = "--pass-env",
            paramLabel = "NAME",
            description = "Read the key passphrase or PKCS#12 password from environment variable NAME.")
    String passEnv;

    @Option(names = "--force", description = "Overwrite existing output files.")
    boolean force;

    /** Returns whether the output needs a password: always for PKCS#12, for PEM only with --encrypt-key. */
    boolean needsPassword() {
        return format == Format.pkcs12 || encryptKey;
    }

    String nameOr(String defaultName) {
        return name == null ? defaultName : name;
    }
}
