package org.certbound.server.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;

/** Settings of the REST HTTP server. */
public final class HttpSettings {

    /** Client certificate policy of the HTTP TLS server. */
    public enum ClientAuthentication {
        /** No client certificate is requested. */
        NONE,
        /** A client certificate is requested and verified when sent. */
        OPTIONAL,
        /** A verified client certificate is required. */
        REQUIRED
    }

    private static final String SSL = "xpack.security.http.ssl.";

    /** The port; 0 picks a free port, which the node writes to {@code <data>/node.ports}. */
    public static final Setting<Integer> PORT =
            Setting.intSetting("http.port", 9200, 0, 65535, "The HTTP port; 0 picks a free port.");

    /** The address to bind. */
    public static final Setting<String> HOST =
            Setting.stringSetting("http.host", "127.0.0.1", "The address the HTTP server binds to.");

    /** The maximum request body size; larger requests get a 413. */
    public static final Setting<Long> MAX_CONTENT_LENGTH = Setting.byteSizeSetting(
            "http.max_content_length", "100mb", "The maximum size of a request body; larger bodies get a 413.");

    /** Whether the HTTP server uses TLS. */
    public static final Setting<Boolean> SSL_ENABLED =
            Setting.boolSetting(SSL + "enabled", false, "Whether the HTTP server requires TLS.");

    /** The PEM private key. */
    public static final Setting<Optional<Path>> SSL_KEY =
            Setting.pathSetting(SSL + "key", "The PEM file with the HTTP server's private key.");

    /** The passphrase of an encrypted PEM key. */
    public static final Setting<Optional<SecureString>> SSL_KEY_PASSPHRASE = Setting.secureStringSetting(
            SSL + "secure_key_passphrase", "The passphrase of an encrypted HTTP server private key.");

    /** The PEM certificate chain. */
    public static final Setting<Optional<Path>> SSL_CERTIFICATE =
            Setting.pathSetting(SSL + "certificate", "The PEM file with the HTTP server's certificate chain.");

    /** PEM files of the CAs trusted for client certificates. */
    public static final Setting<List<String>> SSL_CERTIFICATE_AUTHORITIES = Setting.listSetting(
            SSL + "certificate_authorities", List.of(), "PEM files of the CAs that client certificates must chain to.");

    /** A PKCS#12 keystore with the key and certificate chain, instead of PEM files. */
    public static final Setting<Optional<Path>> SSL_KEYSTORE_PATH = Setting.pathSetting(
            SSL + "keystore.path", "A PKCS#12 file with the HTTP server's key and certificate chain.");

    /** The PKCS#12 keystore password. */
    public static final Setting<Optional<SecureString>> SSL_KEYSTORE_PASSWORD =
            Setting.secureStringSetting(SSL + "keystore.secure_password", "The password of the PKCS#12 keystore.");

    /** Whether clients must present a certificate. */
    public static final Setting<ClientAuthentication> SSL_CLIENT_AUTHENTICATION = Setting.enumSetting(
            SSL + "client_authentication",
            ClientAuthentication.class,
            ClientAuthentication.NONE,
            "Whether HTTP clients must present a certificate.");

    /** The TLS protocol versions. */
    public static final Setting<List<String>> SSL_SUPPORTED_PROTOCOLS = Setting.listSetting(
            SSL + "supported_protocols",
            List.of("TLSv1.3", "TLSv1.2"),
            value -> {
                if (!value.equals("TLSv1.3") && !value.equals("TLSv1.2")) {
                    throw new IllegalArgumentException("supported protocols are [TLSv1.3, TLSv1.2]");
                }
            },
            "The TLS protocol versions the HTTP server accepts.");

    private HttpSettings() {}

    /** Returns every declaration of this class. */
    public static List<Object> all() {
        return List.of(
                PORT,
                HOST,
                MAX_CONTENT_LENGTH,
                SSL_ENABLED,
                SSL_KEY,
                SSL_KEY_PASSPHRASE,
                SSL_CERTIFICATE,
                SSL_CERTIFICATE_AUTHORITIES,
                SSL_KEYSTORE_PATH,
                SSL_KEYSTORE_PASSWORD,
                SSL_CLIENT_AUTHENTICATION,
                SSL_SUPPORTED_PROTOCOLS);
    }
}
