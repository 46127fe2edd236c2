package org.certbound.server.http;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/** Builds the HTTP server's {@link SslContext} from the {@code xpack.security.http.ssl.*} settings. */
final class SslContexts {

    private SslContexts() {}

    /**
     * Returns the TLS context, or null when TLS is disabled.
     *
     * @param resolve resolves a configured path against the config directory
     * @throws SettingsException when the key material is missing or unreadable
     */
    static SslContext forHttp(Settings settings, SecureSettings secure, Function<Path, Path> resolve) {
        if (!HttpSettings.SSL_ENABLED.get(settings)) {
            return null;
        }
        try {
            SslContextBuilder builder = keyMaterial(settings, secure, resolve);
            List<String> authorities = HttpSettings.SSL_CERTIFICATE_AUTHORITIES.get(settings);
            if (!authorities.isEmpty()) {
                builder.trustManager(readCertificates(authorities, resolve));
            }
            builder.clientAuth(
                    switch (HttpSettings.SSL_CLIENT_AUTHENTICATION.get(settings)) {
                        case NONE -> ClientAuth.NONE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case REQUIRED -> ClientAuth.REQUIRE;
                    });
            builder.protocols(HttpSettings.SSL_SUPPORTED_PROTOCOLS.get(settings));
            return builder.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            if (e instanceof SettingsException settingsException) {
                throw settingsException;
            }
            throw new SettingsException(
                    HttpSettings.SSL_ENABLED.key(),
                    "failed to load the HTTP TLS key material [xpack.security.http.ssl.*]: " + e.getMessage(),
                    e);
        }
    }

    private static SslContextBuilder keyMaterial(Settings settings, SecureSettings secure, Function<Path, Path> resolve)
            throws IOException, GeneralSecurityException {
        Optional<Path> keystore = HttpSettings.SSL_KEYSTORE_PATH.get(settings);
        if (keystore.isPresent()) {
            Path file = resolve.apply(keystore.get());
            char[] password = secretOrEmpty(HttpSettings.SSL_KEYSTORE_PASSWORD.get(secure));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            java.util.Arrays.fill(password, '\0');
            return SslContextBuilder.forServer(factory);
        }
        Optional<Path> key = HttpSettings.SSL_KEY.get(settings);
        Optional<Path> certificate = HttpSettings.SSL_CERTIFICATE.get(settings);
        if (key.isEmpty() || certificate.isEmpty()) {
            throw new SettingsException(
                    HttpSettings.SSL_ENABLED.key(),
                    "[xpack.security.http.ssl.enabled] is true but neither [xpack.security.http.ssl.keystore.path] nor"
                            + " both [xpack.security.http.ssl.key] and [xpack.security.http.ssl.certificate] are set");
        }
        Optional<SecureString> passphrase = HttpSettings.SSL_KEY_PASSPHRASE.get(secure);
        String keyPassword = passphrase.map(p -> new String(p.unsafeChars())).orElse(null);
        passphrase.ifPresent(SecureString::close);
        return SslContextBuilder.forServer(
                resolve.apply(certificate.get()).toFile(),
                resolve.apply(key.get()).toFile(),
                keyPassword);
    }

    private static X509Certificate[] readCertificates(List<String> files, Function<Path, Path> resolve)
            throws IOException, GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (String name : files) {
            try (InputStream in = Files.newInputStream(resolve.apply(Path.of(name)))) {
                factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
            }
        }
        return certificates.toArray(new X509Certificate[0]);
    }

    private static char[] secretOrEmpty(Optional<SecureString> secret) {
        if (secret.isEmpty()) {
            return new char[0];
        }
        try (SecureString value = secret.get()) {
            return value.unsafeChars();
        }
    }
}
