package org.certbound.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.certbound.server.remote.signing.RemoteSigningSettings;
import org.certbound.server.remote.verify.RemoteVerifySettings;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.certbound.server.settings.SettingsRegistry;
import org.certbound.server.store.H2StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Remote cluster aliases that would share their keys with the node's own {@code cluster.remote.*} settings. */
class RemoteAliasNamespaceTest {

    @TempDir
    Path dataDir;

    private H2StateStore store;
    private SettingsRegistry registry;
    private ClusterSettings clusterSettings;

    @BeforeEach
    void open() {
        store = H2StateStore.open(dataDir);
        registry = new SettingsRegistry();
        registry.registerAll(RemoteClusterSettings.all());
        registry.registerAll(RemoteSigningSettings.all());
        registry.registerAll(RemoteVerifySettings.all());
        clusterSettings = new ClusterSettings(registry, Settings.EMPTY, store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mode", "proxy_address", "seeds", "skip_unavailable", "signing.certificate"})
    void update_aliasNamedSigning_rejected(String suffix) {
        String key = "cluster.remote.signing." + suffix;

        assertThatThrownBy(() -> clusterSettings.update(Map.of(key, "x"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown persistent setting [" + key + "]")
                .hasMessageContaining("[signing] cannot be the <name> in [cluster.remote.<name>.")
                .hasMessageContaining("such as [cluster.remote.signing.")
                .hasMessageNotContaining("did you mean");
    }

    @ParameterizedTest
    @ValueSource(strings = {"initial_connect_timeout", "request_timeout"})
    void update_aliasNamedAfterNodeSetting_rejected(String alias) {
        String key = "cluster.remote." + alias + ".proxy_address";

        assertThatThrownBy(() -> clusterSettings.update(Map.of(key, "127.0.0.1:9443"), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[" + alias + "] cannot be the <name>")
                .hasMessageContaining("such as [cluster.remote." + alias + "]");
    }

    @Test
    void startup_aliasNamedSigning_rejected() {
        assertThat(registry.lookup("cluster.remote.signing.mode")).isEmpty();
        assertThat(registry.unknownSetting("cluster.remote.signing.mode", "certbound.yml")
                        .getMessage())
                .startsWith("unknown setting [cluster.remote.signing.mode] in [certbound.yml]; [signing] cannot be");
    }

    @Test
    void update_otherAlias_accepted() {
        clusterSettings.update(
                Map.of("cluster.remote.signer.mode", "proxy", "cluster.remote.signer.proxy_address", "127.0.0.1:9443"),
                Map.of());

        assertThat(registry.lookup("cluster.remote.signer.mode")).isPresent();
    }

    @Test
    void update_unknownTrustKey_suggestsTrustSetting() {
        assertThatThrownBy(() -> clusterSettings.update(
                        Map.of("cluster.remote.signing.certificate_authority", "ca.pem"), Map.of()))
                .hasMessageContaining("did you mean [cluster.remote.signing.certificate_authorities]?");
        assertThatThrownBy(() -> clusterSettings.update(Map.of("cluster.remote.signing.bogus", "x"), Map.of()))
                .hasMessageNotContaining("cluster.remote.signing.mode")
                .hasMessageNotContaining("<name>");
    }

    @Test
    void closestKey_trustTypo_neverAnAliasKey() {
        assertThat(String.valueOf(registry.closestKey("cluster.remote.signing.mod")))
                .doesNotContain("<name>");
        assertThat(registry.closestKey("cluster.remote.signing.pattern_timout"))
                .isEqualTo("cluster.remote.signing.pattern_timeout");
    }
}
