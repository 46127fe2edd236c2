package org.certbound.identity;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds JSSE key managers for a TLS endpoint from one private key entry of a PKCS#12 or JKS keystore.
 *
 * <p>The entry is selected and checked exactly as {@link KeyMaterialLoader#fromKeystore} does for a signing key:
 * errors name the file and the settings under the given prefix, and the key must belong to the leaf certificate.
 * The returned factory holds only that entry, so a keystore with a CA key next to the server key cannot make the
 * endpoint present the wrong certificate.
 *
 * <p><b>Security:</b> the private key never leaves this package except inside the key managers, which is where the
 * JDK's TLS implementation needs it.
 */
public final class TlsKeyManagers {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ENTRY_ALIAS = "tls";

    private TlsKeyManagers() {}

    /**
     * Loads a private key entry and its chain and returns key managers that present them.
     *
     * @param type {@code PKCS12} or {@code JKS}; when null, {@code .jks} files are JKS and all others PKCS12
     * @param alias the entry to use, or null when the store contains exactly one private key entry
     * @param keyPassword password of the key entry, or null to use {@code storePassword}
     * @param settingPrefix prefix of the settings named in errors, for example
     *     {@code xpack.security.remote_cluster_server.ssl}
     * @throws KeyMaterialException if the store is missing or malformed, a password is wrong, the alias is missing or
     *     unknown, or the entry fails the checks of {@link SigningIdentity}
     */
    public static KeyManagerFactory fromKeystore(
            Path path,
            @Nullable String type,
            @Nullable String alias,
            char[] storePassword,
            char @Nullable [] keyPassword,
            String settingPrefix)
            throws KeyMaterialException {
        try (SigningIdentity identity =
                KeyMaterialLoader.fromKeystore(path, type, alias, storePassword, keyPassword, settingPrefix)) {
            return keyManagers(identity.privateKey(), identity.chain());
        }
    }

    private static KeyManagerFactory keyManagers(java.security.PrivateKey key, List<X509Certificate> chain) {
        // The in-memory store needs an entry password. A random one, zeroed afterwards, keeps the configured
        // passwords out of the key managers.
        char[] entryPassword = new char[32];
        for (int i = 0; i < entryPassword.length; i++) {
            entryPassword[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        try {
            KeyStore single = KeyStore.getInstance("PKCS12");
            single.load(null, null);
            single.setKeyEntry(ENTRY_ALIAS, key, entryPassword, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(single, entryPassword);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(
                    "failed to put a validated key entry into an in-memory PKCS12 key store", e);
        } finally {
            Arrays.fill(entryPassword, '\0');
        }
    }
}
