package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The TLS material of the remote cluster server, from {@code xpack.security.remote_cluster_server.ssl.*}.
 *
 * @param keySource the server certificate chain and private key
 * @param clientAuthorities the CAs that client certificates must chain to, when configured
 * @param clientAuthentication whether a client certificate is requested
 */
public record TlsServerConfig(
        TlsKeySource keySource, Optional<TlsTrustSource> clientAuthorities, ClientAuthentication clientAuthentication) {

    /** The prefix of the settings this configuration comes from. */
    public static final String SETTING_PREFIX = "xpack.security.remote_cluster_server.ssl";

    /** Checks that client authentication has authorities to check certificates against. */
    public TlsServerConfig {
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(clientAuthorities, "clientAuthorities");
        Objects.requireNonNull(clientAuthentication, "clientAuthentication");
        if (clientAuthentication != ClientAuthentication.NONE && clientAuthorities.isEmpty()) {
            throw new IllegalArgumentException("[" + SETTING_PREFIX + ".client_authentication] is ["
                    + clientAuthentication.name().toLowerCase(Locale.ROOT) + "] but neither [" + SETTING_PREFIX
                    + ".certificate_authorities] nor [" + SETTING_PREFIX + ".truststore.path] is set;"
                    + " set the CAs that client certificates chain to, or set client_authentication to [none]");
        }
    }

    /**
     * Creates a configuration from PEM files.
     *
     * @param certificate the PEM certificate chain file, leaf first
     * @param key the PEM private key file
     * @param certificateAuthorities PEM files of the CAs that client certificates must chain to
     * @param clientAuthentication whether a client certificate is requested
     */
    public TlsServerConfig(
            Path certificate, Path key, List<Path> certificateAuthorities, ClientAuthentication clientAuthentication) {
        this(
                new TlsKeySource.Pem(certificate, key, SETTING_PREFIX),
                certificateAuthorities.isEmpty()
                        ? Optional.empty()
                        : Optional.of(new TlsTrustSource.PemAuthorities(certificateAuthorities, SETTING_PREFIX)),
                clientAuthentication);
    }

    /** Returns the authorities when client certificates are requested. */
    public Optional<TlsTrustSource> clientTrust() {
        return clientAuthentication == ClientAuthentication.NONE ? Optional.empty() : clientAuthorities;
    }

    /** Returns every file this configuration reads, to watch for changes. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(keySource.files());
        clientAuthorities.ifPresent(trust -> files.addAll(trust.files()));
        return List.copyOf(files);
    }
}
