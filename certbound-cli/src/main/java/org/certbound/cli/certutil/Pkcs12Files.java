package org.certbound.cli.certutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes PKCS#12 keystores holding one private key entry with its chain.
 *
 * <p>Written with the JDK's PKCS#12 implementation, which on JDK 17 protects keys with PBES2 and AES-256 and the
 * store with an HMAC-SHA256 MAC; the key password equals the store password, as most tools expect.
 */
public final class Pkcs12Files {

    private Pkcs12Files() {}

    /** Encodes a PKCS#12 store with one key entry under the given alias. */
    public static byte[] encode(IssuedCertificate material, String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(
                    alias, material.privateKey(), password, material.chain().toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            return bytes.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("failed to encode the PKCS#12 store", e);
        }
    }

    /**
     * Reads a key entry and its chain from a PKCS#12 store.
     *
     * @param aliasOrNull the entry to read; null picks the only key entry
     * @throws IllegalArgumentException for a wrong password, an unknown alias, or several key entries and no alias
     * @throws IOException when the file cannot be read
     */
    public static IssuedCertificate read(Path file, String aliasOrNull, char[] password) throws IOException {
        KeyStore store = load(file, password);
        try {
            String alias = aliasOrNull == null ? onlyKeyAlias(file, store) : aliasOrNull;
            if (!store.isKeyEntry(alias)) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "[%s] has no key entry with alias [%s]: its key entries are %s",
                        file,
                        alias,
                        keyAliases(store)));
            }
            Key key = store.getKey(alias, password);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.add((X509Certificate) certificate);
            }
            return new IssuedCertificate((PrivateKey) key, chain);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "failed to read the key in [%s]: its key password differs from the store password",
                            file),
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "failed to read [%s]: %s", file, e.getMessage()), e);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(
                        String.format(Locale.ROOT, "failed to open [%s]: the store password is wrong", file), e);
            }
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "failed to open [%s] as PKCS#12: %s", file, e.getMessage()), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    String.format(Locale.ROOT, "failed to open [%s] as PKCS#12: %s", file, e.getMessage()), e);
        }
    }

    private static String onlyKeyAlias(Path file, KeyStore store) throws GeneralSecurityException {
        List<String> aliases = keyAliases(store);
        if (aliases.size() != 1) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    aliases.isEmpty()
                            ? "[%s] holds no private key entry%s"
                            : "[%s] holds several key entries %s: choose one with --ca-alias",
                    file,
                    aliases.isEmpty() ? "" : aliases));
        }
        return aliases.get(0);
    }

    private static List<String> keyAliases(KeyStore store) throws GeneralSecurityException {
        List<String> aliases = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                aliases.add(alias);
            }
        }
        Collections.sort(aliases);
        return aliases;
    }
}
