package org.certbound.cli.certutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.certbound.cli.CliException;
import org.certbound.cli.SecretInput;
import org.certbound.cli.Terminal;
import picocli.CommandLine.Option;

/** The CA that signs a new certificate: a PEM pair or a PKCS#12 store, with the password's source. */
final class IssuerOptions {

    @Option(
            names = "--ca-cert",
            paramLabel = "FILE",
            description = "PEM certificate of the issuing CA (its chain may follow).")
    Path caCert;

    @Option(names = "--ca-key", paramLabel = "FILE", description = "PEM private key of the issuing CA.")
    Path caKey;

    @Option(
            names = "--ca",
            paramLabel = "FILE",
            description = "PKCS#12 store holding the issuing CA's key and certificate.")
    Path caStore;

    @Option(
            names = "--ca-alias",
            paramLabel = "ALIAS",
            description = "Alias of the --ca entry to use when the store contains several keys.")
    String caAlias;

    @Option(
            names = "--ca-pass-stdin",
            description = "Read the CA key passphrase or PKCS#12 password from a line of standard input; "
                    + "it is read before any --pass-stdin line.")
    boolean passStdin;

    @Option(
            names = "--ca-pass-env",
            paramLabel = "NAME",
            description = "Read the CA password from environment variable NAME.")
    String passEnv;

    /** Returns whether any issuer option was given. */
    boolean isPresent() {
        return caCert != null || caKey != null || caStore != null;
    }

    /** Loads the issuing CA's key and chain, asking for the password only when the key is protected. */
    IssuedCertificate load(Terminal terminal) {
        if (caStore != null && (caCert != null || caKey != null)) {
            throw CliException.usage("[--ca] and [--ca-cert]/[--ca-key] both name the CA: pass one form only");
        }
        if (caStore == null && (caCert == null || caKey == null)) {
            throw CliException.usage(
                    "the issuing CA is incomplete: pass both [--ca-cert FILE] and [--ca-key FILE], or [--ca FILE]");
        }
        try {
            return caStore != null ? loadStore(terminal) : loadPem(terminal);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "%s", e.getMessage());
        } catch (IOException e) {
            throw CliException.usage(e, "failed to read the issuing CA: %s", e.getMessage());
        }
    }

    private IssuedCertificate loadStore(Terminal terminal) throws IOException {
        requireReadable(caStore, "--ca");
        char[] password = password(terminal);
        try {
            return Pkcs12Files.read(caStore, caAlias, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private IssuedCertificate loadPem(Terminal terminal) throws IOException {
        requireReadable(caCert, "--ca-cert");
        requireReadable(caKey, "--ca-key");
        if (caAlias != null) {
            throw CliException.usage("[--ca-alias] applies to a PKCS#12 [--ca] only");
        }
        List<X509Certificate> chain = PemFiles.readCertificates(caCert);
        char[][] requested = new char[1][];
        try {
            PrivateKey key = PemFiles.readPrivateKey(caKey, () -> requested[0] = password(terminal));
            if (!PublicKeys.matches(key, chain.get(0))) {
                throw CliException.usage(
                        "the key in [%s] does not belong to the certificate in [%s] (subject [%s])",
                        caKey, caCert, chain.get(0).getSubjectX500Principal().getName());
            }
            return new IssuedCertificate(key, chain);
        } finally {
            if (requested[0] != null) {
                Arrays.fill(requested[0], '\0');
            }
        }
    }

    private char[] password(Terminal terminal) {
        return SecretInput.resolve(
                terminal, "CA password", "--ca-pass-stdin", passStdin, "--ca-pass-env", passEnv, false);
    }

    private static void requireReadable(Path file, String option) {
        if (!Files.isReadable(file)) {
            throw CliException.usage("[%s] file [%s] does not exist or is not readable", option, file);
        }
    }
}
