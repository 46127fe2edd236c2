package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS settings of connections to remote clusters, from {@code xpack.security.remote_cluster_client.ssl.*}.
 *
 * @param authorities the CAs that remote cluster servers chain to; empty means the JDK's default trust store
 * @param verificationMode how the server certificate is checked
 * @param keySource an optional client certificate and key to present when the server requests one
 */
public record TlsClientConfig(
        Optional<TlsTrustSource> authorities, VerificationMode verificationMode, Optional<TlsKeySource> keySource) {

    /** The prefix of the settings this configuration comes from. */
    public static final String SETTING_PREFIX = "xpack.security.remote_cluster_client.ssl";

    /** Checks the components. */
    public TlsClientConfig {
        Objects.requireNonNull(authorities, "authorities");
        Objects.requireNonNull(verificationMode, "verificationMode");
        Objects.requireNonNull(keySource, "keySource");
    }

    /**
     * Creates a configuration from PEM files.
     *
     * @param certificateAuthorities PEM files of the CAs that remote cluster servers chain to; empty means the
     *     JDK's default trust store
     * @param verificationMode how the server certificate is checked
     * @param certificate an optional PEM certificate chain to present when the server requests one
     * @param key the private key of {@code certificate}
     * @throws IllegalArgumentException when only one of {@code certificate} and {@code key} is present
     */
    public TlsClientConfig(
            List<Path> certificateAuthorities,
            VerificationMode verificationMode,
            Optional<Path> certificate,
            Optional<Path> key) {
        this(
                certificateAuthorities.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new TlsTrustSource.PemAuthorities(certificateAuthorities, SETTING_PREFIX)),
                verificationMode,
                pemKey(certificate, key));
    }

    /** Returns a configuration that trusts the JDK's default CAs and verifies host names. */
    public static TlsClientConfig defaults() {
        return new TlsClientConfig(Optional.empty(), VerificationMode.FULL, Optional.empty());
    }

    /** Returns every file this configuration reads, to watch for changes. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        authorities.ifPresent(trust -> files.addAll(trust.files()));
        keySource.ifPresent(source -> files.addAll(source.files()));
        return List.copyOf(files);
    }

    private static Optional<TlsKeySource> pemKey(Optional<Path> certificate, Optional<Path> key) {
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(
                    "[" + SETTING_PREFIX + ".certificate] and [" + SETTING_PREFIX + ".key] must be set together");
        }
        return certificate.map(file -> new TlsKeySource.Pem(file, key.orElseThrow(), SETTING_PREFIX));
    }
}
