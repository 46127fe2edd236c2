package org.certbound.identity;

import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Loads {@link SigningIdentity signing identities} from PEM files or keystores and validates them in full.
 *
 * <p>Every error names the file and the setting it came from, derived from a settings prefix such as
 * {@code cluster.remote.rc1.signing}: {@code <prefix>.key}, {@code <prefix>.certificate},
 * {@code <prefix>.secure_key_passphrase}, {@code <prefix>.keystore.path}, {@code <prefix>.keystore.type},
 * {@code <prefix>.keystore.alias}, {@code <prefix>.keystore.secure_password} and
 * {@code <prefix>.keystore.secure_key_password}. Passwords are read, never stored or printed; the caller keeps
 * ownership of the arrays passed in and should zero them.
 */
public final class KeyMaterialLoader {
    private KeyMaterialLoader() {}

    /**
     * Loads a PEM certificate chain (leaf first, then intermediates) and the leaf's PEM private key.
     *
     * @param certificate PEM file with one or more certificates, leaf first
     * @param key PEM file with one private key in PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1 form
     * @param passphrase passphrase of an encrypted key, or null when the key is not encrypted
     * @param settingPrefix prefix of the settings named in errors, for example {@code cluster.remote.rc1.signing}
     * @throws KeyMaterialException if a file is missing or malformed, the key is encrypted and the passphrase is
     *     missing or wrong, the key type is unsupported, or the key does not belong to the leaf
     */
    public static SigningIdentity fromPem(
            Path certificate, Path key, char @Nullable [] passphrase, String settingPrefix)
            throws KeyMaterialException {
        List<X509Certificate> chain = PemFiles.readCertificates(certificate, settingPrefix + ".certificate");
        PemKeys.Origin origin =
                new PemKeys.Origin(key, settingPrefix + ".key", settingPrefix + ".secure_key_passphrase");
        PrivateKey privateKey = PemKeys.readPrivateKey(origin, passphrase);
        String source = "[" + settingPrefix + ".key] [" + key + "] with [" + settingPrefix + ".certificate] ["
                + certificate + "]";
        return SigningIdentity.create(privateKey, chain, source);
    }

    /**
     * Loads a private key entry and its chain from a PKCS#12 or JKS keystore.
     *
     * <p>When {@code alias} is null the store must hold exactly one private key entry. Aliases match without regard
     * to case, because both JDK keystore types store them lower-cased.
     *
     * @param type {@code PKCS12} or {@code JKS}; when null, {@code .jks} files are JKS and all others PKCS12
     * @param keyPassword password of the key entry, or null to use {@code storePassword}
     * @throws KeyMaterialException if the store is missing or malformed, a password is wrong, the alias is missing or
     *     unknown, or the entry fails the checks of {@link SigningIdentity}
     */
    public static SigningIdentity fromKeystore(
            Path path,
            @Nullable String type,
            @Nullable String alias,
            char[] storePassword,
            char @Nullable [] keyPassword,
            String settingPrefix)
            throws KeyMaterialException {
        String pathSetting = settingPrefix + ".keystore.path";
        String resolvedType = Keystores.resolveType(path, type, settingPrefix + ".keystore.type");
        KeyStore store = Keystores.load(
                path, resolvedType, storePassword, pathSetting, settingPrefix + ".keystore.secure_password");
        String source = "[" + pathSetting + "] [" + path + "]";
        String entryAlias = selectAlias(store, alias, source, settingPrefix + ".keystore.alias");
        PrivateKey privateKey =
                recoverKey(store, entryAlias, keyPassword == null ? storePassword : keyPassword, source, settingPrefix);
        List<X509Certificate> chain = chainOf(store, entryAlias, source);
        return SigningIdentity.create(privateKey, chain, source + " alias [" + entryAlias + "]");
    }

    private static String selectAlias(KeyStore store, @Nullable String alias, String source, String aliasSetting)
            throws KeyMaterialException {
        List<String> aliases;
        try {
            aliases = Keystores.privateKeyAliases(store);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("keystore is loaded but cannot list its aliases", e);
        }
        if (alias == null || alias.isBlank()) {
            if (aliases.size() == 1) {
                return aliases.get(0);
            }
            if (aliases.isEmpty()) {
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.NO_PRIVATE_KEY,
                        "keystore " + source + " contains no private key entry; import the private key and its"
                                + " certificate chain");
            }
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.ALIAS_REQUIRED,
                    "keystore " + source + " contains " + aliases.size() + " private keys " + aliases + "; set ["
                            + aliasSetting + "] to the one to use");
        }
        List<String> matches = new ArrayList<>();
        for (String candidate : aliases) {
            if (candidate.toLowerCase(Locale.ROOT).equals(alias.toLowerCase(Locale.ROOT))) {
                matches.add(candidate);
            }
        }
        if (matches.size() != 1) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.ALIAS_NOT_FOUND,
                    "alias [" + alias + "] set in [" + aliasSetting + "] "
                            + (matches.isEmpty() ? "not found" : "is" + " ambiguous") + " in keystore " + source
                            + "; available private key aliases: "
                            + aliases);
        }
        return matches.get(0);
    }

    private static PrivateKey recoverKey(
            KeyStore store, String alias, char[] password, String source, String settingPrefix)
            throws KeyMaterialException {
        try {
            Key key = store.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.NO_PRIVATE_KEY,
                    "entry [" + alias + "] in keystore " + source + " is not a private key");
        } catch (UnrecoverableKeyException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.WRONG_KEY_PASSWORD,
                    "cannot recover key for alias [" + alias + "] in keystore " + source + ": wrong key password;"
                            + " check [" + settingPrefix + ".keystore.secure_key_password], which defaults to the"
                            + " store password",
                    e);
        } catch (KeyStoreException | NoSuchAlgorithmException e) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.UNSUPPORTED_KEY_TYPE,
                    "cannot recover key for alias [" + alias + "] in keystore " + source + ": " + e.getMessage(),
                    e);
        }
    }

    private static List<X509Certificate> chainOf(KeyStore store, String alias, String source)
            throws KeyMaterialException {
        Certificate[] certificates;
        try {
            certificates = store.getCertificateChain(alias);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("keystore is loaded but cannot return a chain", e);
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : certificates == null ? new Certificate[0] : certificates) {
            if (!(certificate instanceof X509Certificate x509)) {
                throw new KeyMaterialException(
                        KeyMaterialException.Kind.MALFORMED_CERTIFICATE,
                        "entry [" + alias + "] in keystore " + source + " has a non-X.509 certificate");
            }
            chain.add(x509);
        }
        if (chain.isEmpty()) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.NO_CERTIFICATE,
                    "entry [" + alias + "] in keystore " + source + " has no certificate chain");
        }
        return chain;
    }
}
