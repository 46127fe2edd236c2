package org.certbound.cli.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.certbound.cli.CliException;
import org.certbound.cli.certutil.PemFiles;

/** Loads the certificates the identity tools inspect, turning every failure into a usage error naming the file. */
final class CertificateFiles {

    private CertificateFiles() {}

    /** Returns whether a file name marks a PKCS#12 or JKS keystore rather than PEM. */
    static boolean isKeystore(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks");
    }

    /**
     * Reads every certificate of a PEM file, in file order.
     *
     * @throws CliException when the file is missing, unreadable or contains no certificate
     */
    static List<X509Certificate> readPem(Path file, String option) {
        requireReadable(file, option);
        try {
            return PemFiles.readCertificates(file);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e, "[%s] %s", option, e.getMessage());
        } catch (IOException e) {
            throw CliException.usage(e, "[%s] failed to read [%s]: %s", option, file, e.getMessage());
        }
    }

    /**
     * Reads the certificate chain of a keystore's key entry, or the single trusted certificate entry.
     *
     * @param aliasOrNull the entry to read; null picks the only entry
     * @throws CliException for a wrong password, an unknown alias, or several entries and no alias
     */
    static List<X509Certificate> readKeystoreChain(Path file, String aliasOrNull, char[] password) {
        requireReadable(file, "FILE");
        KeyStore store = load(file, password);
        try {
            List<String> aliases = Collections.list(store.aliases());
            Collections.sort(aliases);
            String alias = aliasOrNull;
            if (alias == null) {
                if (aliases.size() != 1) {
                    throw CliException.usage(
                            "[%s] contains %d entries %s: choose one with --alias", file, aliases.size(), aliases);
                }
                alias = aliases.get(0);
            }
            if (!store.containsAlias(alias)) {
                throw CliException.usage("[%s] has no entry with alias [%s]: its entries are %s", file, alias, aliases);
            }
            Certificate[] chain = store.isKeyEntry(alias)
                    ? store.getCertificateChain(alias)
                    : new Certificate[] {store.getCertificate(alias)};
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : chain) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw CliException.usage(e, "failed to read [%s]: %s", file, e.getMessage());
        }
    }

    private static KeyStore load(Path file, char[] password) {
        String type = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw CliException.usage(e, "failed to open [%s]: the store password is wrong", file);
            }
            throw CliException.usage(e, "failed to open [%s] as %s: %s", file, type, e.getMessage());
        } catch (GeneralSecurityException e) {
            throw CliException.usage(e, "failed to open [%s] as %s: %s", file, type, e.getMessage());
        }
    }

    static void requireReadable(Path file, String option) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw CliException.usage("[%s] file [%s] does not exist or is not readable", option, file);
        }
    }
}
