package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS material of the remote cluster server, from {@code xpack.security.remote_cluster_server.ssl.*}.
 *
 * @param certificate the PEM certificate chain file, leaf first
 * @param key the PEM private key file
 * @param certificateAuthorities PEM files of the CAs that client certificates must chain to
 * @param clientAuthentication whether a client certificate is requested
 */
public record TlsServerConfig(
        Path certificate, Path key, List<Path> certificateAuthorities, ClientAuthentication clientAuthentication) {

    /** Checks the components and copies the CA list. */
    public TlsServerConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        certificateAuthorities = List.copyOf(certificateAuthorities);
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        if (clientAuthentication != ClientAuthentication.NONE && certificateAuthorities.isEmpty()) {
            throw new IllegalArgumentException("[xpack.security.remote_cluster_server.ssl.client_authentication] is ["
                    + clientAuthentication.name().toLowerCase(java.util.Locale.ROOT)
                    + "] but no [xpack.security.remote_cluster_server.ssl.certificate_authorities] are set;"
                    + " set the CAs that client certificates chain to, or set client_authentication to [none]");
        }
    }

    /** Returns the CA list when client certificates are requested. */
    public Optional<List<Path>> clientTrust() {
        return clientAuthentication == ClientAuthentication.NONE
                ? Optional.empty()
                : Optional.of(certificateAuthorities);
    }
}
