package org.certbound.server.remote.verify;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.CertificateFingerprint;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.TrustAnchors;
import org.certbound.server.remote.signing.SecureValues;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.jspecify.annotations.Nullable;

/**
 * The trust settings of the fulfilling cluster, checked for consistency, with relative paths resolved against the
 * config directory.
 *
 * @param caFiles the PEM CA files, empty when a truststore or nothing is configured
 * @param truststore the truststore, or null
 * @param truststoreType the truststore type, empty to infer it
 */
record TrustConfig(List<Path> caFiles, @Nullable Path truststore, String truststoreType) {

    /** The prefix that the identity library puts in front of setting names in its messages. */
    static final String SETTING_PREFIX = "cluster.remote.signing";

    /** Copies the list. */
    TrustConfig {
        caFiles = List.copyOf(caFiles);
    }

    /**
     * Reads and checks the trust settings.
     *
     * @throws SettingsException when both PEM CA files and a truststore are set
     */
    static TrustConfig from(Settings settings, Path configDir) {
        List<Path> caFiles = new ArrayList<>();
        for (String file : RemoteVerifySettings.CERTIFICATE_AUTHORITIES.get(settings)) {
            caFiles.add(configDir.resolve(file));
        }
        Optional<Path> truststore =
                RemoteVerifySettings.TRUSTSTORE_PATH.get(settings).map(configDir::resolve);
        String type = RemoteVerifySettings.TRUSTSTORE_TYPE.get(settings);
        if (!caFiles.isEmpty() && truststore.isPresent()) {
            throw new SettingsException(
                    RemoteVerifySettings.TRUSTSTORE_PATH.key(),
                    "[" + RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key() + "] and ["
                            + RemoteVerifySettings.TRUSTSTORE_PATH.key() + "] cannot both be set; trust either PEM CA"
                            + " files or a truststore");
        }
        if (truststore.isEmpty() && !type.isEmpty()) {
            throw new SettingsException(
                    RemoteVerifySettings.TRUSTSTORE_TYPE.key(),
                    "[" + RemoteVerifySettings.TRUSTSTORE_TYPE.key() + "] is set but ["
                            + RemoteVerifySettings.TRUSTSTORE_PATH.key() + "] is not; set the truststore path or"
                            + " remove the type");
        }
        return new TrustConfig(caFiles, truststore.orElse(null), type);
    }

    /** Returns whether any trust source is configured. */
    boolean isConfigured() {
        return !caFiles.isEmpty() || truststore != null;
    }

    /** Returns the files this configuration reads. */
    List<Path> files() {
        if (truststore != null) {
            return List.of(truststore);
        }
        return caFiles;
    }

    /**
     * Loads the trust anchors and checks that every one is a CA certificate.
     *
     * @param secure the keystore copy with the truststore password
     * @return the anchors, or {@link TrustAnchors#empty()} when nothing is configured
     * @throws KeyMaterialException when a file is missing, malformed or empty, or the password is wrong
     * @throws SettingsException when a configured certificate is not a CA certificate
     */
    TrustAnchors load(SecureValues secure) throws KeyMaterialException {
        if (!isConfigured()) {
            return TrustAnchors.empty();
        }
        TrustAnchors anchors;
        if (truststore != null) {
            Optional<SecureString> password = secure.get(RemoteVerifySettings.TRUSTSTORE_SECURE_PASSWORD.key());
            char[] chars = password.map(SecureString::unsafeChars).orElse(new char[0]);
            try {
                anchors = TrustAnchors.fromTruststore(
                        truststore, truststoreType.isEmpty() ? null : truststoreType, chars, SETTING_PREFIX);
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
        } else {
            anchors = TrustAnchors.fromPemFiles(caFiles, SETTING_PREFIX);
        }
        checkAuthorities(anchors);
        return anchors;
    }

    private void checkAuthorities(TrustAnchors anchors) {
        for (X509Certificate certificate : anchors.certificates()) {
            // Version 1 certificates carry no basic constraints; old self-signed roots are of that kind.
            if (certificate.getVersion() >= 3 && certificate.getBasicConstraints() < 0) {
                String setting = truststore != null
                        ? RemoteVerifySettings.TRUSTSTORE_PATH.key()
                        : RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key();
                throw new SettingsException(
                        setting,
                        "certificate [" + CanonicalDn.of(certificate) + "] (sha256 ["
                                + CertificateFingerprint.sha256Hex(certificate) + "]) in [" + setting + "] " + files()
                                + " is not a CA certificate (its basic constraints do not say CA:TRUE); list the CA"
                                + " that issued the signing certificates, not a signing certificate itself");
            }
        }
    }
}
