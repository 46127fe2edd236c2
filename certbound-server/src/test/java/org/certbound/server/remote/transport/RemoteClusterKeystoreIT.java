package org.certbound.server.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.certbound.server.remote.testing.MapSecureSettings;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote cluster TLS settings in their keystore form, with stores made by {@code openssl pkcs12} and
 * {@code keytool} at test time, on a real server and client on loopback.
 */
class RemoteClusterKeystoreIT {

    private static final String SERVER = "xpack.security.remote_cluster_server.ssl.";
    private static final String CLIENT = "xpack.security.remote_cluster_client.ssl.";
    private static final String STORE_PASSWORD = "store-password-1";
    private static final String WRONG_PASSWORD = "wrong-password-2";
    private static final UnaryOperator<Path> NO_RESOLVE = UnaryOperator.identity();

    @TempDir
    static Path dir;

    private static TestTls.Ca ca;
    private static Path serverP12;
    private static Path serverJks;
    private static Path clientP12;
    private static Path trustP12;
    private static Path trustJks;
    private static ExecutorService workers;
    private static RemoteClusterClient client;

    @BeforeAll
    static void makeStores() throws Exception {
        ca = TestTls.ca(dir, "keystore-ca");
        TestStores stores = new TestStores(dir);
        serverP12 = stores.pkcs12(TestTls.server(dir, ca, "remote-node"), "remote-node", STORE_PASSWORD, "server.p12");
        serverJks = stores.jks(serverP12, STORE_PASSWORD, "server.jks");
        clientP12 = stores.pkcs12(TestTls.server(dir, ca, "query-node"), "query-node", STORE_PASSWORD, "client.p12");
        trustP12 = stores.truststore(ca, "PKCS12", STORE_PASSWORD, "trust.p12");
        trustJks = stores.truststore(ca, "JKS", STORE_PASSWORD, "trust.jks");
        workers = Executors.newFixedThreadPool(2);
        client = new RemoteClusterClient(1);
    }

    @AfterAll
    static void stop() {
        client.close();
        workers.shutdownNow();
    }

    private static TlsServerConfig serverConfig(Settings settings, MapSecureSettings secure) {
        return RemoteClusterServerSettings.serverTls(settings, secure, NO_RESOLVE);
    }

    private static TlsClientConfig clientConfig(Settings settings, MapSecureSettings secure) {
        return RemoteClusterServerSettings.clientTls(settings, secure, NO_RESOLVE);
    }

    private static Settings.Builder serverKeystore(Path keystore) {
        return Settings.builder().put(SERVER + "keystore.path", keystore.toString());
    }

    private static Settings trustingClient(Path truststore) {
        return Settings.builder()
                .put(CLIENT + "truststore.path", truststore.toString())
                .build();
    }

    private static MapSecureSettings passwords(String... keys) {
        String[] keysAndValues = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            keysAndValues[2 * i] = keys[i];
            keysAndValues[2 * i + 1] = STORE_PASSWORD;
        }
        return MapSecureSettings.of(keysAndValues);
    }

    /** Starts a server with {@code serverTls}, sends one request with {@code clientTls} and returns its status. */
    private static int roundTrip(SslContext serverTls, SslContext clientTls) throws Exception {
        try (RemoteClusterServer server = new RemoteClusterServer(
                "127.0.0.1",
                0,
                () -> serverTls,
                () -> "keystore-cluster",
                1024,
                request -> CrossClusterResponse.json(200, "{}"),
                workers)) {
            InetSocketAddress address = server.start();
            try (RemoteClusterConnection connection = client.open(
                    "rc1",
                    clientTls,
                    List.of(address),
                    null,
                    1,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    RemoteClusterConnection.Routing.ROUND_ROBIN)) {
                OutboundCrossClusterRequest handshake =
                        new OutboundCrossClusterRequest(CrossClusterActions.HANDSHAKE, Map.of(), "{}".getBytes());
                return connection.send(handshake).get(10, TimeUnit.SECONDS).status();
            }
        }
    }

    @Test
    void keystore_pkcs12ServerAndTruststoreClient_connect() throws Exception {
        SslContext server = TlsContexts.server(
                serverConfig(serverKeystore(serverP12).build(), passwords(SERVER + "keystore.secure_password")));
        SslContext client = TlsContexts.client(
                clientConfig(trustingClient(trustP12), passwords(CLIENT + "truststore.secure_password")));

        assertThat(roundTrip(server, client)).isEqualTo(200);
    }

    @Test
    void keystore_jksServerAndJksTruststore_connect() throws Exception {
        Settings serverSettings =
                serverKeystore(serverJks).put(SERVER + "keystore.type", "jks").build();
        SslContext server =
                TlsContexts.server(serverConfig(serverSettings, passwords(SERVER + "keystore.secure_password")));
        SslContext client = TlsContexts.client(
                clientConfig(trustingClient(trustJks), passwords(CLIENT + "truststore.secure_password")));

        assertThat(roundTrip(server, client)).isEqualTo(200);
    }

    @Test
    void keystore_clientCertificateRequired_acceptsClientKeystoreOnly() throws Exception {
        Settings serverSettings = serverKeystore(serverP12)
                .put(SERVER + "truststore.path", trustP12.toString())
                .put(SERVER + "client_authentication", "required")
                .build();
        SslContext server = TlsContexts.server(serverConfig(
                serverSettings, passwords(SERVER + "keystore.secure_password", SERVER + "truststore.secure_password")));
        Settings withCertificate = Settings.builder()
                .put(CLIENT + "truststore.path", trustP12.toString())
                .put(CLIENT + "keystore.path", clientP12.toString())
                .build();
        SslContext identified = TlsContexts.client(clientConfig(
                withCertificate,
                passwords(CLIENT + "truststore.secure_password", CLIENT + "keystore.secure_password")));
        SslContext anonymous = TlsContexts.client(
                clientConfig(trustingClient(trustP12), passwords(CLIENT + "truststore.secure_password")));

        assertThat(roundTrip(server, identified)).isEqualTo(200);
        assertThatThrownBy(() -> roundTrip(server, anonymous))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(RemoteTransportException.class);
    }

    @Test
    void keystore_wrongPassword_namesSettingAndFile() {
        TlsServerConfig config = serverConfig(
                serverKeystore(serverP12).build(),
                MapSecureSettings.of(SERVER + "keystore.secure_password", WRONG_PASSWORD));

        assertThatThrownBy(() -> TlsContexts.server(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SERVER + "keystore.secure_password")
                .hasMessageContaining(serverP12.toString())
                .hasMessageNotContaining(WRONG_PASSWORD)
                .hasMessageNotContaining(STORE_PASSWORD);
    }

    @Test
    void keystore_missingPassword_namesPasswordSetting() {
        TlsServerConfig config = serverConfig(serverKeystore(serverP12).build(), MapSecureSettings.of());

        assertThatThrownBy(() -> TlsContexts.server(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SERVER + "keystore.secure_password")
                .hasMessageContaining(serverP12.toString());
    }

    @Test
    void keystore_unknownAlias_listsAvailableAliases() {
        Settings settings = serverKeystore(serverP12)
                .put(SERVER + "keystore.alias", "other-node")
                .build();
        TlsServerConfig config = serverConfig(settings, passwords(SERVER + "keystore.secure_password"));

        assertThatThrownBy(() -> TlsContexts.server(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[other-node]")
                .hasMessageContaining(SERVER + "keystore.alias")
                .hasMessageContaining(serverP12.toString())
                .hasMessageContaining("[remote-node]");
    }

    @Test
    void keystore_withoutPrivateKey_isRejected() {
        TlsServerConfig config =
                serverConfig(serverKeystore(trustP12).build(), passwords(SERVER + "keystore.secure_password"));

        assertThatThrownBy(() -> TlsContexts.server(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no private key entry")
                .hasMessageContaining(trustP12.toString());
    }

    @Test
    void truststore_wrongPassword_namesSettingAndFile() {
        TlsClientConfig config = clientConfig(
                trustingClient(trustP12), MapSecureSettings.of(CLIENT + "truststore.secure_password", WRONG_PASSWORD));

        assertThatThrownBy(() -> TlsContexts.client(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CLIENT + "truststore.secure_password")
                .hasMessageContaining(trustP12.toString())
                .hasMessageNotContaining(WRONG_PASSWORD);
    }

    @Test
    void truststore_keystoreWithoutTrustedEntry_isRejected() {
        TlsClientConfig config =
                clientConfig(trustingClient(clientP12), passwords(CLIENT + "truststore.secure_password"));

        assertThatThrownBy(() -> TlsContexts.client(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no trusted certificate entry")
                .hasMessageContaining(CLIENT + "truststore.path");
    }

    @Test
    void keystore_missingFile_namesSettingAndFile() {
        Path missing = dir.resolve("absent.p12");
        TlsServerConfig config = serverConfig(serverKeystore(missing).build(), MapSecureSettings.of());

        assertThatThrownBy(() -> TlsContexts.server(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(SERVER + "keystore.path")
                .hasMessageContaining(missing.toString());
    }
}
