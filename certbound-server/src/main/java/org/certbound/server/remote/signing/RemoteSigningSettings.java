package org.certbound.server.remote.signing;

import static org.certbound.server.settings.Property.DYNAMIC;
import static org.certbound.server.settings.Property.RELOADABLE;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.certbound.server.settings.AffixSetting;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;

/**
 * Settings of request signing, per remote cluster alias: {@code cluster.remote.<alias>.signing.*}.
 *
 * <p>An alias signs with either a PEM certificate and key ({@code certificate}, {@code key} and, for an encrypted
 * key, a passphrase) or a keystore ({@code keystore.*}), never both. The file settings are dynamic; the passwords
 * live in the keystore and are reloaded by {@code POST /_nodes/reload_secure_settings}.
 */
public final class RemoteSigningSettings {

    /** The prefix shared by every per-alias remote cluster setting. */
    public static final String PREFIX = "cluster.remote.";

    /** PEM file with the signing certificate, leaf first, optionally followed by intermediates. */
    public static final AffixSetting<Optional<Path>> CERTIFICATE = AffixSetting.affix(
            PREFIX,
            "signing.certificate",
            key -> Setting.pathSetting(
                    key,
                    "PEM file with the certificate that signs requests to this remote cluster, leaf first,"
                            + " followed by any intermediate CA certificates",
                    DYNAMIC));

    /** PEM file with the private key of the signing certificate. */
    public static final AffixSetting<Optional<Path>> KEY = AffixSetting.affix(
            PREFIX,
            "signing.key",
            key -> Setting.pathSetting(
                    key,
                    "PEM file with the private key of the signing certificate (PKCS#8, PKCS#1 or SEC1,"
                            + " optionally encrypted)",
                    DYNAMIC));

    /** Passphrase of an encrypted PEM key. */
    public static final AffixSetting<Optional<SecureString>> SECURE_KEY_PASSPHRASE = AffixSetting.affix(
            PREFIX,
            "signing.secure_key_passphrase",
            key -> Setting.secureStringSetting(key, "Passphrase of the encrypted PEM signing key", RELOADABLE));

    /** The same passphrase under the name Elasticsearch's documentation uses; set one of the two. */
    public static final AffixSetting<Optional<SecureString>> KEY_SECURE_PASSPHRASE = AffixSetting.affix(
            PREFIX,
            "signing.key.secure_passphrase",
            key -> Setting.secureStringSetting(
                    key,
                    "Passphrase of the encrypted PEM signing key; another name for signing.secure_key_passphrase",
                    RELOADABLE));

    /** PKCS#12 or JKS keystore with the signing key and its certificate chain. */
    public static final AffixSetting<Optional<Path>> KEYSTORE_PATH = AffixSetting.affix(
            PREFIX,
            "signing.keystore.path",
            key -> Setting.pathSetting(
                    key, "PKCS#12 or JKS keystore with the signing key and its certificate chain", DYNAMIC));

    /** The keystore type; inferred from the file extension when empty. */
    public static final AffixSetting<String> KEYSTORE_TYPE = AffixSetting.affix(
            PREFIX,
            "signing.keystore.type",
            key -> Setting.stringSetting(
                    key,
                    "",
                    RemoteSigningSettings::validateStoreType,
                    "Type of the signing keystore, [PKCS12] or [JKS]; when empty, [.p12], [.pfx] and [.pkcs12]"
                            + " files are PKCS12 and every other file is JKS",
                    DYNAMIC));

    /** The alias of the signing key in the keystore; required when it contains several private keys. */
    public static final AffixSetting<String> KEYSTORE_ALIAS = AffixSetting.affix(
            PREFIX,
            "signing.keystore.alias",
            key -> Setting.stringSetting(
                    key,
                    "",
                    "Alias of the signing key entry in the keystore; required when the keystore contains more than"
                            + " one private key",
                    DYNAMIC));

    /** The keystore password. */
    public static final AffixSetting<Optional<SecureString>> KEYSTORE_SECURE_PASSWORD = AffixSetting.affix(
            PREFIX,
            "signing.keystore.secure_password",
            key -> Setting.secureStringSetting(key, "Password of the signing keystore", RELOADABLE));

    /** The password of the key entry, when it differs from the keystore password. */
    public static final AffixSetting<Optional<SecureString>> KEYSTORE_SECURE_KEY_PASSWORD = AffixSetting.affix(
            PREFIX,
            "signing.keystore.secure_key_password",
            key -> Setting.secureStringSetting(
                    key, "Password of the signing key entry; defaults to the keystore password", RELOADABLE));

    /** The settings that name signing material in {@code certbound.yml} or the cluster settings. */
    public static final List<AffixSetting<?>> DYNAMIC_SETTINGS =
            List.of(CERTIFICATE, KEY, KEYSTORE_PATH, KEYSTORE_TYPE, KEYSTORE_ALIAS);

    /** The settings read from the keystore. */
    public static final List<AffixSetting<Optional<SecureString>>> SECURE_SETTINGS = List.of(
            SECURE_KEY_PASSPHRASE, KEY_SECURE_PASSPHRASE, KEYSTORE_SECURE_PASSWORD, KEYSTORE_SECURE_KEY_PASSWORD);

    private RemoteSigningSettings() {}

    /** Returns every declaration, for the node's settings registry. */
    public static List<Object> all() {
        return List.of(
                CERTIFICATE,
                KEY,
                SECURE_KEY_PASSPHRASE,
                KEY_SECURE_PASSPHRASE,
                KEYSTORE_PATH,
                KEYSTORE_TYPE,
                KEYSTORE_ALIAS,
                KEYSTORE_SECURE_PASSWORD,
                KEYSTORE_SECURE_KEY_PASSWORD);
    }

    /**
     * Returns whether {@code key} is a dynamic signing setting of some alias.
     *
     * @param key a concrete setting key
     * @return true for {@code cluster.remote.<alias>.signing.} followed by {@code certificate}, {@code key},
     *     {@code keystore.path}, {@code keystore.type} or {@code keystore.alias}
     */
    public static boolean isDynamicSigningKey(String key) {
        for (AffixSetting<?> setting : DYNAMIC_SETTINGS) {
            if (setting.matches(key)) {
                return true;
            }
        }
        return false;
    }

    /** Rejects a keystore type other than empty, [PKCS12] or [JKS], in any case. */
    public static void validateStoreType(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        if (!type.isEmpty() && !upper.equals("PKCS12") && !upper.equals("JKS")) {
            throw new IllegalArgumentException("keystore type [" + type + "] is not supported; use [PKCS12] or [JKS],"
                    + " or leave it empty to infer the type from the file extension");
        }
    }
}
