package org.certbound.server.remote.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Netty TLS contexts of the remote cluster server and client, with the JDK provider. */
public final class TlsContexts {

    private static final Logger logger = LoggerFactory.getLogger(TlsContexts.class);
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsContexts() {}

    /**
     * Builds the server context.
     *
     * @param config the server TLS material
     * @return the context
     * @throws IllegalArgumentException when a file is missing or does not parse, naming the file
     */
    public static SslContext server(TlsServerConfig config) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(
                            config.certificate().toFile(), config.key().toFile())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(config.clientAuthentication().toNetty());
            if (config.clientTrust().isPresent()) {
                builder.trustManager(readCertificates(
                        config.clientTrust().get(),
                        "xpack.security.remote_cluster_server.ssl.certificate_authorities"));
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "failed to load the remote cluster server TLS material from ["
                            + config.certificate() + "] and [" + config.key() + "]: " + e.getMessage()
                            + "; check [xpack.security.remote_cluster_server.ssl.certificate] and [.key]",
                    e);
        }
    }

    /**
     * Builds the client context.
     *
     * @param config the client TLS settings
     * @return the context
     * @throws IllegalArgumentException when a file is missing or does not parse, naming the file
     */
    public static SslContext client(TlsClientConfig config) {
        try {
            SslContextBuilder builder =
                    SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(PROTOCOLS);
            // Netty 4.2 checks the host name by default; only verification_mode full keeps that check.
            builder.endpointIdentificationAlgorithm(
                    config.verificationMode() == VerificationMode.FULL ? "HTTPS" : null);
            if (config.verificationMode() == VerificationMode.NONE) {
                logger.warn("[xpack.security.remote_cluster_client.ssl.verification_mode] is [none]: remote cluster"
                        + " server certificates are not checked, so anyone on the network path can pose as a remote"
                        + " cluster");
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!config.certificateAuthorities().isEmpty()) {
                builder.trustManager(readCertificates(
                        config.certificateAuthorities(),
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities"));
            }
            if (config.certificate().isPresent() && config.key().isPresent()) {
                builder.keyManager(
                        config.certificate().get().toFile(), config.key().get().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "failed to build the remote cluster client TLS context: " + e.getMessage(), e);
        }
    }

    static X509Certificate[] readCertificates(List<Path> files, String settingKey) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (var certificate : factory.generateCertificates(in)) {
                    certificates.add((X509Certificate) certificate);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "[" + settingKey + "] file [" + file + "] could not be read as PEM certificates: "
                                + e.getMessage(),
                        e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("[" + settingKey + "] files " + files + " hold no certificate");
        }
        return certificates.toArray(new X509Certificate[0]);
    }
}
