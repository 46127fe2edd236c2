package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS settings of connections to remote clusters, from {@code xpack.security.remote_cluster_client.ssl.*}.
 *
 * @param certificateAuthorities PEM files of the CAs that remote cluster servers chain to; empty means
 *     the JDK's default trust store
 * @param verificationMode how the server certificate is checked
 * @param certificate an optional PEM certificate chain to present when the server requests one
 * @param key the private key of {@code certificate}
 */
public record TlsClientConfig(
        List<Path> certificateAuthorities,
        VerificationMode verificationMode,
        Optional<Path> certificate,
        Optional<Path> key) {

    /** Checks the components and copies the CA list. */
    public TlsClientConfig {
        certificateAuthorities = List.copyOf(certificateAuthorities);
        Objects.requireNonNull(verificationMode, "verificationMode");
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("[xpack.security.remote_cluster_client.ssl.certificate] and"
                    + " [xpack.security.remote_cluster_client.ssl.key] must be set together");
        }
    }

    /** Returns a configuration that trusts the JDK's default CAs and verifies host names. */
    public static TlsClientConfig defaults() {
        return new TlsClientConfig(List.of(), VerificationMode.FULL, Optional.empty(), Optional.empty());
    }
}
