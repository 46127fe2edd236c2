package org.certbound.server.remote.transport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/**
 * Settings of the remote cluster server ({@code remote_cluster_server.*}, {@code remote_cluster.*}) and
 * of the TLS on both ends ({@code xpack.security.remote_cluster_server.ssl.*} and {@code
 * xpack.security.remote_cluster_client.ssl.*}). All are static; the files they name are watched and
 * reloaded. Each end takes its certificate and key either from PEM files or from a keystore, and its CAs either
 * from PEM files or from a truststore ({@link TlsStoreSettings}).
 *
 * <p>TLS cannot be turned off on the remote cluster port: unlike Elasticsearch, certbound rejects
 * {@code ssl.enabled: false} on either end at startup.
 */
public final class RemoteClusterServerSettings {

    private static final String SERVER_SSL = "xpack.security.remote_cluster_server.ssl.";
    private static final String CLIENT_SSL = "xpack.security.remote_cluster_client.ssl.";

    /** Whether this node serves cross-cluster requests. */
    public static final Setting<Boolean> ENABLED = Setting.boolSetting(
            "remote_cluster_server.enabled",
            false,
            "Whether this node serves cross-cluster requests on remote_cluster.port");

    /** The port of the remote cluster server. */
    public static final Setting<Integer> PORT = Setting.intSetting(
            "remote_cluster.port", 9443, 0, 65535, "Port of the remote cluster server; 0 picks a free port");

    /** The host the remote cluster server binds and publishes. */
    public static final Setting<String> HOST = Setting.stringSetting(
            "remote_cluster.host", "127.0.0.1", "Address the remote cluster server binds to and publishes");

    /** The bind address, when it differs from {@link #HOST}. */
    public static final Setting<String> BIND_HOST = Setting.stringSetting(
            "remote_cluster.bind_host",
            "",
            "Address the remote cluster server binds to; defaults to remote_cluster.host");

    /** The published address, when it differs from {@link #HOST}. */
    public static final Setting<String> PUBLISH_HOST = Setting.stringSetting(
            "remote_cluster.publish_host",
            "",
            "Address other clusters are told to connect to in sniff mode; defaults to remote_cluster.host");

    /** The maximum request body. */
    public static final Setting<Long> MAX_CONTENT_LENGTH = Setting.byteSizeSetting(
            "remote_cluster.max_content_length", "100mb", "Maximum body of a cross-cluster request");

    /** Server TLS on/off; only true is accepted. */
    public static final Setting<Boolean> SERVER_SSL_ENABLED =
            Setting.boolSetting(SERVER_SSL + "enabled", true, "Must be true: the remote cluster port always uses TLS");

    /** The server certificate chain. */
    public static final Setting<Optional<Path>> SERVER_CERTIFICATE =
            Setting.pathSetting(SERVER_SSL + "certificate", "PEM certificate chain of the remote cluster server");

    /** The server private key. */
    public static final Setting<Optional<Path>> SERVER_KEY =
            Setting.pathSetting(SERVER_SSL + "key", "PEM private key of the remote cluster server certificate");

    /** The CAs client certificates must chain to. */
    public static final Setting<List<String>> SERVER_CERTIFICATE_AUTHORITIES = Setting.listSetting(
            SERVER_SSL + "certificate_authorities",
            List.of(),
            "PEM files of the CAs that client certificates chain to");

    /** Whether a client certificate is requested. */
    public static final Setting<ClientAuthentication> SERVER_CLIENT_AUTHENTICATION = Setting.enumSetting(
            SERVER_SSL + "client_authentication",
            ClientAuthentication.class,
            ClientAuthentication.NONE,
            "Whether the remote cluster server requests a TLS client certificate");

    /** Client TLS on/off; only true is accepted. */
    public static final Setting<Boolean> CLIENT_SSL_ENABLED = Setting.boolSetting(
            CLIENT_SSL + "enabled", true, "Must be true: connections to remote clusters always use TLS");

    /** The CAs remote cluster servers chain to. */
    public static final Setting<List<String>> CLIENT_CERTIFICATE_AUTHORITIES = Setting.listSetting(
            CLIENT_SSL + "certificate_authorities",
            List.of(),
            "PEM files of the CAs that remote cluster server certificates chain to; empty trusts the JDK's CAs");

    /** The check applied to remote cluster server certificates. */
    public static final Setting<VerificationMode> CLIENT_VERIFICATION_MODE = Setting.enumSetting(
            CLIENT_SSL + "verification_mode",
            VerificationMode.class,
            VerificationMode.FULL,
            "How remote cluster server certificates are checked: [full], [certificate] or [none]");

    /** The client certificate chain, sent when a server requests one. */
    public static final Setting<Optional<Path>> CLIENT_CERTIFICATE = Setting.pathSetting(
            CLIENT_SSL + "certificate", "PEM certificate chain presented to remote cluster servers");

    /** The client private key. */
    public static final Setting<Optional<Path>> CLIENT_KEY =
            Setting.pathSetting(CLIENT_SSL + "key", "PEM private key of the client certificate");

    /** The keystore and truststore form of the server TLS material. */
    static final TlsStoreSettings SERVER_STORES = new TlsStoreSettings(
            TlsServerConfig.SETTING_PREFIX,
            new TlsStoreSettings.PemSettings(SERVER_CERTIFICATE, SERVER_KEY, SERVER_CERTIFICATE_AUTHORITIES),
            "the remote cluster server",
            "client certificates");

    /** The keystore and truststore form of the client TLS material. */
    static final TlsStoreSettings CLIENT_STORES = new TlsStoreSettings(
            TlsClientConfig.SETTING_PREFIX,
            new TlsStoreSettings.PemSettings(CLIENT_CERTIFICATE, CLIENT_KEY, CLIENT_CERTIFICATE_AUTHORITIES),
            "the client certificate presented to remote cluster servers",
            "remote cluster server certificates");

    private RemoteClusterServerSettings() {}

    /** Returns every declaration of this class. */
    public static List<Object> all() {
        List<Object> all = new ArrayList<>(List.of(
                ENABLED,
                PORT,
                HOST,
                BIND_HOST,
                PUBLISH_HOST,
                MAX_CONTENT_LENGTH,
                SERVER_SSL_ENABLED,
                SERVER_CERTIFICATE,
                SERVER_KEY,
                SERVER_CERTIFICATE_AUTHORITIES,
                SERVER_CLIENT_AUTHENTICATION,
                CLIENT_SSL_ENABLED,
                CLIENT_CERTIFICATE_AUTHORITIES,
                CLIENT_VERIFICATION_MODE,
                CLIENT_CERTIFICATE,
                CLIENT_KEY));
        all.addAll(SERVER_STORES.storeSettings());
        all.addAll(CLIENT_STORES.storeSettings());
        return all;
    }

    /** Returns the bind address. */
    public static String bindHost(Settings settings) {
        String bind = BIND_HOST.get(settings);
        return bind.isEmpty() ? HOST.get(settings) : bind;
    }

    /** Returns the published address. */
    public static String publishHost(Settings settings) {
        String publish = PUBLISH_HOST.get(settings);
        return publish.isEmpty() ? HOST.get(settings) : publish;
    }

    /**
     * Builds the server TLS configuration.
     *
     * @param settings the node settings
     * @param secure the keystore, for the store passwords
     * @param resolver resolves relative paths against the config directory
     * @return the configuration
     * @throws IllegalArgumentException when TLS is turned off, neither a keystore nor a certificate and key is set,
     *     or the settings contradict each other
     */
    public static TlsServerConfig serverTls(Settings settings, SecureSettings secure, UnaryOperator<Path> resolver) {
        if (!SERVER_SSL_ENABLED.get(settings)) {
            throw new IllegalArgumentException("[" + SERVER_SSL_ENABLED.key() + "] must be true: the remote cluster"
                    + " port always uses TLS; remove the setting");
        }
        TlsKeySource keySource = SERVER_STORES
                .keySource(settings, secure, resolver)
                .orElseThrow(() -> new SettingsException(
                        SERVER_KEY.key(),
                        "[" + SERVER_STORES.keystorePath.key() + "] or both [" + SERVER_CERTIFICATE.key() + "] and ["
                                + SERVER_KEY.key() + "] must be set when [" + ENABLED.key() + "] is true"));
        return new TlsServerConfig(
                keySource,
                SERVER_STORES.trustSource(settings, secure, resolver),
                SERVER_CLIENT_AUTHENTICATION.get(settings));
    }

    /**
     * Builds the client TLS configuration.
     *
     * @param settings the node settings
     * @param secure the keystore, for the store passwords
     * @param resolver resolves relative paths against the config directory
     * @return the configuration
     * @throws IllegalArgumentException when TLS is turned off or the settings contradict each other
     */
    public static TlsClientConfig clientTls(Settings settings, SecureSettings secure, UnaryOperator<Path> resolver) {
        if (!CLIENT_SSL_ENABLED.get(settings)) {
            throw new IllegalArgumentException("[" + CLIENT_SSL_ENABLED.key() + "] must be true: connections to"
                    + " remote clusters always use TLS; remove the setting");
        }
        return new TlsClientConfig(
                CLIENT_STORES.trustSource(settings, secure, resolver),
                CLIENT_VERIFICATION_MODE.get(settings),
                CLIENT_STORES.keySource(settings, secure, resolver));
    }
}
