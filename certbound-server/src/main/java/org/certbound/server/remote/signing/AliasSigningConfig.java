package org.certbound.server.remote.signing;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.identity.CertificateFingerprint;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.KeyMaterialLoader;
import org.certbound.identity.SigningIdentity;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.jspecify.annotations.Nullable;

/**
 * The signing settings of one alias, checked for consistency, with relative paths resolved against the config
 * directory.
 *
 * <p>Security: the passwords stay in the {@link SecureValues} they came from; {@link #toString()} names files only.
 */
final class AliasSigningConfig {

    private final String alias;
    private final @Nullable Path certificate;
    private final @Nullable Path key;
    private final @Nullable Path keystore;
    private final String keystoreType;
    private final String keystoreAlias;
    private final @Nullable SecureString passphrase;
    private final @Nullable SecureString storePassword;
    private final @Nullable SecureString keyPassword;

    private AliasSigningConfig(Builder builder) {
        this.alias = builder.alias;
        this.certificate = builder.certificate;
        this.key = builder.key;
        this.keystore = builder.keystore;
        this.keystoreType = builder.keystoreType;
        this.keystoreAlias = builder.keystoreAlias;
        this.passphrase = builder.passphrase;
        this.storePassword = builder.storePassword;
        this.keyPassword = builder.keyPassword;
    }

    /**
     * Reads and checks the signing settings of {@code alias}.
     *
     * @throws SettingsException when settings contradict each other or one is invalid, naming the setting and the fix
     */
    static AliasSigningConfig from(String alias, Settings settings, SecureValues secure, Path configDir) {
        Builder builder = new Builder(alias);
        builder.certificate = path(RemoteSigningSettings.CERTIFICATE.concrete(alias), settings, configDir);
        builder.key = path(RemoteSigningSettings.KEY.concrete(alias), settings, configDir);
        builder.keystore = path(RemoteSigningSettings.KEYSTORE_PATH.concrete(alias), settings, configDir);
        builder.keystoreType =
                RemoteSigningSettings.KEYSTORE_TYPE.concrete(alias).get(settings);
        builder.keystoreAlias =
                RemoteSigningSettings.KEYSTORE_ALIAS.concrete(alias).get(settings);
        builder.passphrase = passphrase(alias, secure);
        builder.storePassword = secret(RemoteSigningSettings.KEYSTORE_SECURE_PASSWORD.concrete(alias), secure);
        builder.keyPassword = secret(RemoteSigningSettings.KEYSTORE_SECURE_KEY_PASSWORD.concrete(alias), secure);
        AliasSigningConfig config = new AliasSigningConfig(builder);
        config.checkConsistency();
        return config;
    }

    /** Returns a configuration of {@code alias} with no signing material. */
    static AliasSigningConfig unconfigured(String alias) {
        return new AliasSigningConfig(new Builder(alias));
    }

    /** Returns the alias. */
    String alias() {
        return alias;
    }

    /** Returns whether any signing material is configured, so the alias signs once it loads. */
    boolean isConfigured() {
        return certificate != null || key != null || keystore != null;
    }

    /** Returns the files this configuration reads, in a stable order. */
    List<Path> files() {
        List<Path> files = new ArrayList<>(2);
        if (keystore != null) {
            files.add(keystore);
        }
        if (certificate != null) {
            files.add(certificate);
        }
        if (key != null) {
            files.add(key);
        }
        return files;
    }

    /** Returns the setting prefix of this alias, for example {@code cluster.remote.rc1.signing}. */
    String settingPrefix() {
        return RemoteSigningSettings.PREFIX + alias + ".signing";
    }

    /**
     * Loads and fully checks the signing identity, including that its certificate is valid now.
     *
     * @throws KeyMaterialException when a file is missing or malformed, a password is wrong, key and certificate
     *     do not belong together, or the certificate has expired or is not valid yet
     */
    SigningIdentity load() throws KeyMaterialException {
        SigningIdentity identity = loadUnchecked();
        try {
            checkCurrent(identity, Instant.now());
        } catch (KeyMaterialException e) {
            identity.close();
            throw e;
        }
        return identity;
    }

    // A remote cluster rejects a signature made with a certificate outside its validity period, so loading one is a
    // misconfiguration that is reported here, naming the files, rather than on every remote request.
    private void checkCurrent(SigningIdentity identity, Instant now) throws KeyMaterialException {
        X509Certificate leaf = identity.leaf();
        String problem = null;
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            problem = "expired at [" + leaf.getNotAfter().toInstant() + "]";
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            problem = "is not valid before [" + leaf.getNotBefore().toInstant() + "]";
        }
        if (problem != null) {
            throw new KeyMaterialException(
                    KeyMaterialException.Kind.CERTIFICATE_NOT_CURRENT,
                    "the signing certificate " + CertificateFingerprint.describe(leaf) + " of [" + settingPrefix()
                            + "] in " + files() + " " + problem + " (this node's clock reads [" + now
                            + "]); remote clusters would reject every request signed with it, so install a current"
                            + " certificate and key");
        }
    }

    private SigningIdentity loadUnchecked() throws KeyMaterialException {
        if (keystore != null) {
            char[] store = storePassword == null ? new char[0] : storePassword.unsafeChars();
            char[] entry = keyPassword == null ? null : keyPassword.unsafeChars();
            try {
                return KeyMaterialLoader.fromKeystore(
                        keystore,
                        keystoreType.isEmpty() ? null : keystoreType,
                        keystoreAlias.isEmpty() ? null : keystoreAlias,
                        store,
                        entry,
                        settingPrefix());
            } catch (KeyMaterialException e) {
                throw storePassword == null ? passwordNotSet(e) : e;
            } finally {
                zero(store);
                zero(entry);
            }
        }
        char[] pass = passphrase == null ? null : passphrase.unsafeChars();
        try {
            return KeyMaterialLoader.fromPem(
                    Objects.requireNonNull(certificate), Objects.requireNonNull(key), pass, settingPrefix());
        } finally {
            zero(pass);
        }
    }

    /**
     * Rewords a wrong-password failure when no password is in the keystore at all, because "wrong password" would
     * send the operator looking for a typo in a value that does not exist.
     */
    private KeyMaterialException passwordNotSet(KeyMaterialException failure) {
        if (failure.kind() != KeyMaterialException.Kind.WRONG_STORE_PASSWORD) {
            return failure;
        }
        String setting =
                RemoteSigningSettings.KEYSTORE_SECURE_PASSWORD.concrete(alias).key();
        return new KeyMaterialException(
                KeyMaterialException.Kind.WRONG_STORE_PASSWORD,
                "keystore [" + keystore + "] set in [" + settingPrefix() + ".keystore.path] has a password, but the"
                        + " secure setting [" + setting + "] is not set; add it with [certbound keystore add " + setting
                        + " --config <node config dir>] and call [POST /_nodes/reload_secure_settings]",
                failure);
    }

    @Override
    public String toString() {
        return "AliasSigningConfig[alias=" + alias + ", files=" + files() + "]";
    }

    private void checkConsistency() {
        String prefix = settingPrefix();
        if (keystore != null && (certificate != null || key != null)) {
            throw new SettingsException(
                    prefix + ".keystore.path",
                    "[" + prefix + ".keystore.path] cannot be combined with [" + prefix + ".certificate] or [" + prefix
                            + ".key]; sign either with a keystore or with a PEM certificate and key");
        }
        if (certificate != null && key == null) {
            throw new SettingsException(
                    prefix + ".key",
                    "[" + prefix + ".certificate] is set but [" + prefix + ".key] is not; set the PEM private key of"
                            + " the signing certificate");
        }
        if (key != null && certificate == null) {
            throw new SettingsException(
                    prefix + ".certificate",
                    "[" + prefix + ".key] is set but [" + prefix + ".certificate] is not; set the PEM certificate"
                            + " chain of the signing key");
        }
        if (keystore == null && (!keystoreType.isEmpty() || !keystoreAlias.isEmpty())) {
            String which = keystoreType.isEmpty() ? ".keystore.alias" : ".keystore.type";
            throw new SettingsException(
                    prefix + which,
                    "[" + prefix + which + "] is set but [" + prefix + ".keystore.path] is not; set the keystore"
                            + " path or remove [" + prefix + which + "]");
        }
    }

    private static @Nullable Path path(Setting<Optional<Path>> setting, Settings settings, Path configDir) {
        Optional<Path> value = setting.get(settings);
        return value.map(configDir::resolve).orElse(null);
    }

    private static @Nullable SecureString passphrase(String alias, SecureValues secure) {
        Setting<Optional<SecureString>> primary = RemoteSigningSettings.SECURE_KEY_PASSPHRASE.concrete(alias);
        Setting<Optional<SecureString>> other = RemoteSigningSettings.KEY_SECURE_PASSPHRASE.concrete(alias);
        SecureString first = secret(primary, secure);
        SecureString second = secret(other, secure);
        if (first != null && second != null) {
            throw new SettingsException(
                    other.key(),
                    "both [" + primary.key() + "] and [" + other.key() + "] are set in the keystore; they name the"
                            + " same passphrase, so remove one of them");
        }
        return first != null ? first : second;
    }

    private static @Nullable SecureString secret(Setting<Optional<SecureString>> setting, SecureValues secure) {
        return secure.get(setting.key()).orElse(null);
    }

    private static void zero(char @Nullable [] chars) {
        if (chars != null) {
            java.util.Arrays.fill(chars, '\0');
        }
    }

    private static final class Builder {
        private final String alias;
        private @Nullable Path certificate;
        private @Nullable Path key;
        private @Nullable Path keystore;
        private String keystoreType = "";
        private String keystoreAlias = "";
        private @Nullable SecureString passphrase;
        private @Nullable SecureString storePassword;
        private @Nullable SecureString keyPassword;

        private Builder(String alias) {
            this.alias = alias;
        }
    }
}
