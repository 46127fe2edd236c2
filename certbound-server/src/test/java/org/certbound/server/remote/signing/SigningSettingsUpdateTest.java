package org.certbound.server.remote.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.remote.verify.RemoteVerifySettings;
import org.certbound.server.remote.verify.TrustConfigManager;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsRegistry;
import org.certbound.server.store.H2StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the managers through the node's real cluster settings, as {@code PUT /_cluster/settings} does. */
class SigningSettingsUpdateTest {

    private static final String CERT = "cluster.remote.rc1.signing.certificate";
    private static final String KEY = "cluster.remote.rc1.signing.key";
    private static final String CAS = "cluster.remote.signing.certificate_authorities";
    private static final String PATTERN_TIMEOUT = "cluster.remote.signing.pattern_timeout";

    @TempDir
    Path dir;

    private H2StateStore store;
    private ClusterSettings clusterSettings;
    private SigningConfigManager signing;
    private TrustConfigManager trust;

    private TestPki.Issued ca;

    @BeforeEach
    void setUp() {
        ca = TestPki.rootCa("CN=Root,O=Example");
        TestPki.Issued leaf = ca.issue("CN=node-1,O=Example", false);
        TestPki.writeKey(dir.resolve("leaf.key"), leaf);
        TestPki.writeCertificates(dir.resolve("leaf.crt"), leaf.certificate());
        TestPki.writeCertificates(dir.resolve("ca.pem"), ca.certificate());
        TestPki.Issued other = ca.issue("CN=node-2,O=Example", false);
        TestPki.writeKey(dir.resolve("other.key"), other);
        TestPki.writeCertificates(dir.resolve("other.crt"), other.certificate());

        SettingsRegistry registry = new SettingsRegistry();
        registry.registerAll(RemoteSigningSettings.all());
        registry.registerAll(RemoteVerifySettings.all());
        Settings file =
                Settings.builder().put(CERT, "leaf.crt").put(KEY, "leaf.key").build();
        store = H2StateStore.open(dir.resolve("data"));
        clusterSettings = new ClusterSettings(registry, file, store);
        signing = new SigningConfigManager(dir, Clock.systemUTC());
        signing.start(clusterSettings.effective(), SecureSettings.EMPTY);
        clusterSettings.addListener(signing);
        trust = new TrustConfigManager(dir, Clock.systemUTC());
        trust.start(clusterSettings.effective(), SecureSettings.EMPTY, true);
        clusterSettings.addListener(trust);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void update_keyOfAnotherCertificate_rejectedAndOldConfigurationStays() {
        assertThatThrownBy(() -> clusterSettings.update(Map.of(KEY, "other.key"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("remote cluster [rc1]");

        assertThat(clusterSettings.effective().get(KEY)).isEqualTo("leaf.key");
        assertThat(signing.signerFor("rc1").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-1,O=Example");
    }

    @Test
    void update_missingCertificate_rejectedNamingTheFile() {
        assertThatThrownBy(() -> clusterSettings.update(Map.of(CERT, "gone.crt"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gone.crt");

        assertThat(clusterSettings.effective().get(CERT)).isEqualTo("leaf.crt");
    }

    @Test
    void update_newPair_appliedAtOnce() {
        clusterSettings.update(Map.of(CERT, "other.crt", KEY, "other.key"), Map.of());

        assertThat(signing.signerFor("rc1").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-2,O=Example");
    }

    @Test
    void update_nullResetsTheAlias_stopsSigning() {
        Map<String, Object> reset = new HashMap<>();
        reset.put(CERT, null);
        reset.put(KEY, null);
        clusterSettings.update(Map.of(CERT, "other.crt", KEY, "other.key"), Map.of());

        clusterSettings.update(Map.of(), reset);
        clusterSettings.update(reset, Map.of());

        // The file settings name leaf.crt and leaf.key, so a reset falls back to them.
        assertThat(signing.signerFor("rc1").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-1,O=Example");
    }

    @Test
    void update_keystoreForAliasWithPemInFile_rejectedAndPemStays() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example");

        assertThatThrownBy(() -> clusterSettings.update(
                        Map.of("cluster.remote.rc1.signing.keystore.path", "signing.p12"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[cluster.remote.rc1.signing.keystore.path] cannot be combined with");
        // A reset with null falls back to the file's value, so it cannot clear the PEM pair either.
        Map<String, Object> resetAndSwitch = new HashMap<>();
        resetAndSwitch.put(CERT, null);
        resetAndSwitch.put(KEY, null);
        resetAndSwitch.put("cluster.remote.rc1.signing.keystore.path", "signing.p12");
        assertThatThrownBy(() -> clusterSettings.update(resetAndSwitch, Map.of()))
                .hasMessageContaining("cannot be combined with");

        assertThat(signing.signerFor("rc1").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-1,O=Example");
    }

    @Test
    void update_persistentPemToKeystore_switchesInOneUpdate() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example");
        String cert = "cluster.remote.rc2.signing.certificate";
        String key = "cluster.remote.rc2.signing.key";
        clusterSettings.update(Map.of(cert, "other.crt", key, "other.key"), Map.of());
        assertThat(signing.signerFor("rc2").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-2,O=Example");

        Map<String, Object> resetAndSwitch = new HashMap<>();
        resetAndSwitch.put(cert, null);
        resetAndSwitch.put(key, null);
        resetAndSwitch.put("cluster.remote.rc2.signing.keystore.path", "signing.p12");
        clusterSettings.update(resetAndSwitch, Map.of());

        assertThat(signing.signerFor("rc2").orElseThrow().identity().canonicalDn())
                .isEqualTo("CN=node-ks,O=Example");
    }

    @Test
    void update_caListThroughSettings_validatedAndApplied() {
        assertThatThrownBy(() -> clusterSettings.update(Map.of(CAS, List.of("leaf.crt")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a CA certificate");
        assertThat(trust.isTrustConfigured()).isFalse();

        clusterSettings.update(Map.of(CAS, List.of("ca.pem")), Map.of());

        assertThat(trust.trustAnchors().subjects()).containsExactly("CN=Root,O=Example");
    }

    @Test
    void update_signatureAgeOverOneHour_rejected() {
        assertThatThrownBy(() ->
                        clusterSettings.update(Map.of("cluster.remote.signing.max_signature_age", "2h"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max_signature_age");
    }

    @Test
    void update_patternTimeoutOverOneSecond_rejected() {
        assertThatThrownBy(() -> clusterSettings.update(Map.of(PATTERN_TIMEOUT, "1h"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[" + PATTERN_TIMEOUT + "] is [1h] but must be at most [1s]")
                .hasMessageContaining("worker thread");
        assertThatThrownBy(() -> clusterSettings.update(Map.of(PATTERN_TIMEOUT, "1001ms"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most [1s]");
    }

    @Test
    void update_patternTimeoutAtOneSecond_accepted() {
        clusterSettings.update(Map.of(PATTERN_TIMEOUT, "1s"), Map.of());

        assertThat(trust.patternTimeout()).isEqualTo(Duration.ofSeconds(1));
    }

    // A PKCS#12 keystore without a password, since the test's secure settings are empty.
    private void writeKeystore(String name, String dn) throws Exception {
        TestPki.Issued leaf = ca.issue(dn, false);
        KeyStore keystore = KeyStore.getInstance("PKCS12");
        keystore.load(null, null);
        keystore.setKeyEntry("signer", leaf.keyPair().getPrivate(), new char[0], new X509Certificate[] {
            leaf.certificate(), ca.certificate()
        });
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            keystore.store(out, new char[0]);
        }
    }
}
