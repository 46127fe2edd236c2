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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.TlsKeyManagers;
import org.certbound.identity.TrustAnchors;
import org.certbound.server.settings.SecureString;
import org.jspecify.annotations.Nullable;
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
     * @throws IllegalArgumentException when a file is missing or does not parse, or a password is wrong, naming the
     *     setting and the file
     */
    public static SslContext server(TlsServerConfig config) {
        try {
            SslContextBuilder builder = serverBuilder(config.keySource())
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .clientAuth(config.clientAuthentication().toNetty());
            if (config.clientTrust().isPresent()) {
                builder.trustManager(trustedCertificates(config.clientTrust().get()));
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "failed to load the remote cluster server TLS material from " + config.files() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Builds the client context.
     *
     * @param config the client TLS settings
     * @return the context
     * @throws IllegalArgumentException when a file is missing or does not parse, or a password is wrong, naming the
     *     setting and the file
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
            } else if (config.authorities().isPresent()) {
                builder.trustManager(trustedCertificates(config.authorities().get()));
            }
            if (config.keySource().isPresent()) {
                TlsKeySource source = config.keySource().get();
                if (source instanceof TlsKeySource.Pem pem) {
                    builder.keyManager(pem.certificate().toFile(), pem.key().toFile());
                } else {
                    builder.keyManager(keyManagers((TlsKeySource.Keystore) source));
                }
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "failed to build the remote cluster client TLS context: " + e.getMessage(), e);
        }
    }

    private static SslContextBuilder serverBuilder(TlsKeySource source) {
        if (source instanceof TlsKeySource.Pem pem) {
            try {
                return SslContextBuilder.forServer(
                        pem.certificate().toFile(), pem.key().toFile());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        e.getMessage() + "; check [" + pem.settingPrefix() + ".certificate] [" + pem.certificate()
                                + "] and [" + pem.settingPrefix() + ".key] [" + pem.key() + "]",
                        e);
            }
        }
        return SslContextBuilder.forServer(keyManagers((TlsKeySource.Keystore) source));
    }

    private static KeyManagerFactory keyManagers(TlsKeySource.Keystore source) {
        char[] password = chars(source.password()).orElseGet(() -> new char[0]);
        char @Nullable [] keyPassword = chars(source.keyPassword()).orElse(null);
        try {
            return TlsKeyManagers.fromKeystore(
                    source.path(),
                    source.type().isEmpty() ? null : source.type(),
                    source.alias().isEmpty() ? null : source.alias(),
                    password,
                    keyPassword,
                    source.settingPrefix());
        } catch (KeyMaterialException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
            if (keyPassword != null) {
                Arrays.fill(keyPassword, '\0');
            }
        }
    }

    private static X509Certificate[] trustedCertificates(TlsTrustSource source) {
        if (source instanceof TlsTrustSource.PemAuthorities pem) {
            return readCertificates(pem.authorities(), pem.settingPrefix() + ".certificate_authorities");
        }
        TlsTrustSource.Truststore store = (TlsTrustSource.Truststore) source;
        char[] password = chars(store.password()).orElseGet(() -> new char[0]);
        try {
            TrustAnchors anchors = TrustAnchors.fromTruststore(
                    store.path(), store.type().isEmpty() ? null : store.type(), password, store.settingPrefix());
            return anchors.certificates().toArray(new X509Certificate[0]);
        } catch (KeyMaterialException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static Optional<char[]> chars(Optional<SecureString> secret) {
        return secret.map(SecureString::unsafeChars);
    }

    private static X509Certificate[] readCertificates(List<Path> files, String settingKey) {
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
