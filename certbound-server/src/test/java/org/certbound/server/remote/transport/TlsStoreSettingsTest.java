package org.certbound.server.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.certbound.server.remote.testing.MapSecureSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.junit.jupiter.api.Test;

class TlsStoreSettingsTest {

    private static final String SERVER = "xpack.security.remote_cluster_server.ssl.";
    private static final String CLIENT = "xpack.security.remote_cluster_client.ssl.";
    private static final UnaryOperator<Path> CONFIG_DIR =
            path -> Path.of("/etc/certbound").resolve(path);

    private static TlsServerConfig server(Settings.Builder settings, SecureSettings secure) {
        return RemoteClusterServerSettings.serverTls(settings.build(), secure, CONFIG_DIR);
    }

    private static TlsClientConfig client(Settings.Builder settings) {
        return RemoteClusterServerSettings.clientTls(settings.build(), SecureSettings.EMPTY, CONFIG_DIR);
    }

    @Test
    void serverTls_keystoreAndCertificate_namesBothKeys() {
        Settings.Builder settings = Settings.builder()
                .put(SERVER + "keystore.path", "server.p12")
                .put(SERVER + "certificate", "server.crt");

        assertThatThrownBy(() -> server(settings, SecureSettings.EMPTY))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + SERVER + "keystore.path]")
                .hasMessageContaining("[" + SERVER + "certificate]");
    }

    @Test
    void serverTls_keystoreAndKey_namesBothKeys() {
        Settings.Builder settings =
                Settings.builder().put(SERVER + "keystore.path", "server.p12").put(SERVER + "key", "server.key");

        assertThatThrownBy(() -> server(settings, SecureSettings.EMPTY))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + SERVER + "keystore.path]")
                .hasMessageContaining("[" + SERVER + "key]");
    }

    @Test
    void serverTls_truststoreAndCas_namesBothKeys() {
        Settings.Builder settings = Settings.builder()
                .put(SERVER + "keystore.path", "server.p12")
                .put(SERVER + "truststore.path", "trust.p12")
                .putList(SERVER + "certificate_authorities", "ca.crt");

        assertThatThrownBy(() -> server(settings, SecureSettings.EMPTY))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + SERVER + "truststore.path]")
                .hasMessageContaining("[" + SERVER + "certificate_authorities]");
    }

    @Test
    void clientTls_keystoreAndCertificate_namesBothKeys() {
        Settings.Builder settings = Settings.builder()
                .put(CLIENT + "keystore.path", "client.p12")
                .put(CLIENT + "certificate", "client.crt")
                .put(CLIENT + "key", "client.key");

        assertThatThrownBy(() -> client(settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + CLIENT + "keystore.path]")
                .hasMessageContaining("[" + CLIENT + "certificate]");
    }

    @Test
    void serverTls_noKeyMaterial_namesBothForms() {
        assertThatThrownBy(() -> server(Settings.builder(), SecureSettings.EMPTY))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + SERVER + "keystore.path]")
                .hasMessageContaining("[" + SERVER + "certificate]")
                .hasMessageContaining("[" + SERVER + "key]");
    }

    @Test
    void serverTls_keystoreTypeWithoutPath_isRejected() {
        Settings.Builder settings = Settings.builder()
                .put(SERVER + "certificate", "server.crt")
                .put(SERVER + "key", "server.key")
                .put(SERVER + "keystore.type", "PKCS12");

        assertThatThrownBy(() -> server(settings, SecureSettings.EMPTY))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + SERVER + "keystore.type] is set but [" + SERVER + "keystore.path]");
    }

    @Test
    void serverTls_clientAuthenticationWithTruststore_isAccepted() {
        Settings.Builder settings = Settings.builder()
                .put(SERVER + "keystore.path", "server.p12")
                .put(SERVER + "truststore.path", "trust.p12")
                .put(SERVER + "client_authentication", "required");

        TlsServerConfig config = server(settings, SecureSettings.EMPTY);

        assertThat(config.clientTrust()).containsInstanceOf(TlsTrustSource.Truststore.class);
        assertThat(config.files())
                .containsExactly(Path.of("/etc/certbound/server.p12"), Path.of("/etc/certbound/trust.p12"));
    }

    @Test
    void serverTls_keystore_readsPasswordsAndResolvesPath() {
        Settings.Builder settings = Settings.builder()
                .put(SERVER + "keystore.path", "server.jks")
                .put(SERVER + "keystore.type", "JKS")
                .put(SERVER + "keystore.alias", "node");
        MapSecureSettings secure = MapSecureSettings.of(
                SERVER + "keystore.secure_password", "store-secret", SERVER + "keystore.secure_key_password", "key");

        TlsKeySource.Keystore keystore =
                (TlsKeySource.Keystore) server(settings, secure).keySource();

        assertThat(keystore.path()).isEqualTo(Path.of("/etc/certbound/server.jks"));
        assertThat(keystore.type()).isEqualTo("JKS");
        assertThat(keystore.alias()).isEqualTo("node");
        assertThat(keystore.password()).isPresent();
        assertThat(keystore.keyPassword()).isPresent();
        assertThat(keystore.toString()).doesNotContain("store-secret");
    }

    @Test
    void clientTls_nothingSet_usesJdkDefaults() {
        TlsClientConfig config = client(Settings.builder());

        assertThat(config.authorities()).isEmpty();
        assertThat(config.keySource()).isEqualTo(Optional.empty());
        assertThat(config.files()).isEmpty();
    }

    @Test
    void keystoreType_unknown_isRejectedBySetting() {
        Settings settings =
                Settings.builder().put(SERVER + "keystore.type", "BKS").build();

        assertThatThrownBy(() -> RemoteClusterServerSettings.SERVER_STORES.keystoreType.validate(settings))
                .hasMessageContaining("BKS")
                .hasMessageContaining("PKCS12");
    }
}
