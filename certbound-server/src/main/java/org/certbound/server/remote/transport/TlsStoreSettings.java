package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.certbound.server.remote.signing.RemoteSigningSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/**
 * The keystore and truststore settings under one {@code ssl} prefix, and the rules that pick between them and the PEM
 * settings of the same prefix: a keystore replaces {@code certificate} and {@code key}, a truststore replaces
 * {@code certificate_authorities}, and setting both forms is an error that names both keys.
 *
 * <p>The passwords are read once from the keystore at startup; they are not reloadable.
 */
final class TlsStoreSettings {

    private final String prefix;
    final Setting<Optional<Path>> certificate;
    final Setting<Optional<Path>> key;
    final Setting<List<String>> certificateAuthorities;
    final Setting<Optional<Path>> keystorePath;
    final Setting<String> keystoreType;
    final Setting<String> keystoreAlias;
    final Setting<Optional<SecureString>> keystorePassword;
    final Setting<Optional<SecureString>> keystoreKeyPassword;
    final Setting<Optional<Path>> truststorePath;
    final Setting<String> truststoreType;
    final Setting<Optional<SecureString>> truststorePassword;

    /**
     * Declares the settings of one prefix.
     *
     * @param prefix the prefix without the trailing dot, such as {@code xpack.security.remote_cluster_server.ssl}
     * @param pem the PEM settings of the same prefix
     * @param keyOwner what the keystore's key is for, completing "keystore with the key and certificate chain of ..."
     * @param trustRole what the truststore's CAs issue, completing "truststore with the CAs that ... chain to"
     */
    TlsStoreSettings(String prefix, PemSettings pem, String keyOwner, String trustRole) {
        this.prefix = prefix;
        this.certificate = pem.certificate();
        this.key = pem.key();
        this.certificateAuthorities = pem.certificateAuthorities();
        this.keystorePath = Setting.pathSetting(
                prefix + ".keystore.path",
                "PKCS#12 or JKS keystore with the key and certificate chain of " + keyOwner
                        + "; cannot be combined with certificate and key");
        this.keystoreType = Setting.stringSetting(
                prefix + ".keystore.type",
                "",
                RemoteSigningSettings::validateStoreType,
                "Type of the keystore, [PKCS12] or [JKS]; when empty, [.jks] files are JKS and every other file is"
                        + " PKCS12");
        this.keystoreAlias = Setting.stringSetting(
                prefix + ".keystore.alias",
                "",
                "Alias of the key entry in the keystore; required when the keystore contains more than one private"
                        + " key");
        this.keystorePassword =
                Setting.secureStringSetting(prefix + ".keystore.secure_password", "Password of the keystore");
        this.keystoreKeyPassword = Setting.secureStringSetting(
                prefix + ".keystore.secure_key_password",
                "Password of the key entry in the keystore; defaults to the keystore password");
        this.truststorePath = Setting.pathSetting(
                prefix + ".truststore.path",
                "PKCS#12 or JKS truststore with the CAs that " + trustRole
                        + " chain to; cannot be combined with certificate_authorities");
        this.truststoreType = Setting.stringSetting(
                prefix + ".truststore.type",
                "",
                RemoteSigningSettings::validateStoreType,
                "Type of the truststore, [PKCS12] or [JKS]; when empty, [.jks] files are JKS and every other file is"
                        + " PKCS12");
        this.truststorePassword =
                Setting.secureStringSetting(prefix + ".truststore.secure_password", "Password of the truststore");
    }

    /** The PEM settings that the stores replace. */
    record PemSettings(
            Setting<Optional<Path>> certificate,
            Setting<Optional<Path>> key,
            Setting<List<String>> certificateAuthorities) {}

    /** Returns the keystore and truststore declarations, for the node's settings registry. */
    List<Object> storeSettings() {
        return List.of(
                keystorePath,
                keystoreType,
                keystoreAlias,
                keystorePassword,
                keystoreKeyPassword,
                truststorePath,
                truststoreType,
                truststorePassword);
    }

    /**
     * Returns the certificate and key, from PEM files or the keystore.
     *
     * @return empty when neither form is set
     * @throws SettingsException when both forms are set, only one of the PEM pair is set, or a keystore setting is
     *     set without {@code keystore.path}
     */
    Optional<TlsKeySource> keySource(Settings settings, SecureSettings secure, UnaryOperator<Path> resolver) {
        Optional<Path> store = keystorePath.get(settings);
        Optional<Path> pemCertificate = certificate.get(settings);
        Optional<Path> pemKey = key.get(settings);
        if (store.isPresent()) {
            if (pemCertificate.isPresent() || pemKey.isPresent()) {
                throw bothForms(keystorePath, pemCertificate.isPresent() ? certificate : key, "a certificate and key");
            }
            return Optional.of(new TlsKeySource.Keystore(
                    resolver.apply(store.get()),
                    keystoreType.get(settings),
                    keystoreAlias.get(settings),
                    keystorePassword.get(secure),
                    keystoreKeyPassword.get(secure),
                    prefix));
        }
        requireStorePath(keystorePath, keystoreType, settings);
        requireStorePath(keystorePath, keystoreAlias, settings);
        if (pemCertificate.isPresent() != pemKey.isPresent()) {
            Setting<Optional<Path>> missing = pemCertificate.isPresent() ? key : certificate;
            Setting<Optional<Path>> present = pemCertificate.isPresent() ? certificate : key;
            throw new SettingsException(
                    missing.key(),
                    "[" + present.key() + "] is set but [" + missing.key() + "] is not; set both, or use ["
                            + keystorePath.key() + "] instead");
        }
        return pemCertificate.map(
                file -> new TlsKeySource.Pem(resolver.apply(file), resolver.apply(pemKey.orElseThrow()), prefix));
    }

    /**
     * Returns the trusted authorities, from PEM files or the truststore.
     *
     * @return empty when neither form is set
     * @throws SettingsException when both forms are set, or {@code truststore.type} is set without
     *     {@code truststore.path}
     */
    Optional<TlsTrustSource> trustSource(Settings settings, SecureSettings secure, UnaryOperator<Path> resolver) {
        Optional<Path> store = truststorePath.get(settings);
        List<String> authorities = certificateAuthorities.get(settings);
        if (store.isPresent()) {
            if (!authorities.isEmpty()) {
                throw bothForms(truststorePath, certificateAuthorities, "certificate authority files");
            }
            return Optional.of(new TlsTrustSource.Truststore(
                    resolver.apply(store.get()), truststoreType.get(settings), truststorePassword.get(secure), prefix));
        }
        requireStorePath(truststorePath, truststoreType, settings);
        if (authorities.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TlsTrustSource.PemAuthorities(
                authorities.stream().map(Path::of).map(resolver).toList(), prefix));
    }

    private static SettingsException bothForms(Setting<?> store, Setting<?> pem, String pemForm) {
        return new SettingsException(
                store.key(),
                "[" + store.key() + "] and [" + pem.key() + "] are both set; configure either a store or " + pemForm
                        + " in PEM files, and remove the other");
    }

    private static void requireStorePath(Setting<Optional<Path>> path, Setting<String> dependent, Settings settings) {
        if (!dependent.get(settings).isEmpty()) {
            throw new SettingsException(
                    dependent.key(),
                    "[" + dependent.key() + "] is set but [" + path.key() + "] is not; set the path or remove ["
                            + dependent.key() + "]");
        }
    }
}
