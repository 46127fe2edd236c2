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
import java.time.Instant;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.RequestSigner;
import org.certbound.server.remote.testing.MapSecureSettings;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningConfigManagerTest {

    private static final String CERT = "cluster.remote.rc1.signing.certificate";
    private static final String KEY = "cluster.remote.rc1.signing.key";

    @TempDir
    Path config;

    private TestPki.Issued ca;
    private SigningConfigManager manager;

    @BeforeEach
    void setUp() {
        ca = TestPki.rootCa("CN=Example Root CA,O=Example");
        manager = new SigningConfigManager(config, Clock.systemUTC());
    }

    @Test
    void start_pemPair_signsWithTheLeaf() {
        writePair("leaf", "CN=node-1,O=Example");

        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);

        assertThat(signerDn()).isEqualTo("CN=node-1,O=Example");
        SigningStatus status = manager.status("rc1").orElseThrow();
        assertThat(status.enabled()).isTrue();
        assertThat(status.canonicalDn()).isEqualTo("CN=node-1,O=Example");
        assertThat(status.fingerprint()).hasSize(64);
        assertThat(status.algorithm()).isEqualTo("ES256");
        assertThat(status.lastReloadError()).isNull();
    }

    @Test
    void start_noSigningSettings_aliasDoesNotSign() {
        manager.start(
                Settings.builder()
                        .put("cluster.remote.rc1.seeds", "127.0.0.1:9443")
                        .build(),
                SecureSettings.EMPTY);

        assertThat(manager.signerFor("rc1")).isEmpty();
        assertThat(manager.status("rc1")).isEmpty();
    }

    @Test
    void start_missingKeyFile_stopsTheNodeNamingAliasAndFile() {
        writePair("leaf", "CN=node-1,O=Example");
        Settings settings =
                Settings.builder().put(CERT, "leaf.crt").put(KEY, "absent.key").build();

        assertThatThrownBy(() -> manager.start(settings, SecureSettings.EMPTY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remote cluster [rc1]")
                .hasMessageContaining("absent.key");
    }

    @Test
    void start_certificateWithoutKey_namesTheMissingSetting() {
        writePair("leaf", "CN=node-1,O=Example");
        Settings settings = Settings.builder().put(CERT, "leaf.crt").build();

        assertThatThrownBy(() -> manager.start(settings, SecureSettings.EMPTY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[" + KEY + "] is not");
    }

    @Test
    void validate_missingFile_rejectsAndKeepsTheOldSigner() {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);
        RequestSigner before = manager.signerFor("rc1").orElseThrow();
        Settings candidate =
                Settings.builder().put(CERT, "other.crt").put(KEY, "other.key").build();

        assertThatThrownBy(() -> manager.validate(candidate))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("remote cluster [rc1]")
                .hasMessageContaining("other.crt");

        assertThat(manager.signerFor("rc1")).containsSame(before);
    }

    @Test
    void validate_keyOfAnotherCertificate_rejects() {
        writePair("leaf", "CN=node-1,O=Example");
        writePair("other", "CN=node-2,O=Example");
        Settings candidate =
                Settings.builder().put(CERT, "leaf.crt").put(KEY, "other.key").build();

        assertThatThrownBy(() -> manager.validate(candidate))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("remote cluster [rc1]");
    }

    @Test
    void validate_expiredCertificate_rejected() {
        TestPki.Issued expired =
                ca.issueLeaf("CN=node-1,O=Example", Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1));
        TestPki.writeKey(config.resolve("expired.key"), expired);
        TestPki.writeCertificates(config.resolve("expired.crt"), expired.certificate(), ca.certificate());

        assertThatThrownBy(() -> manager.validate(pemSettings("expired")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("expired at [")
                .hasMessageContaining("expired.crt");
    }

    @Test
    void validate_notYetValidCertificate_rejects() {
        TestPki.Issued future =
                ca.issueLeaf("CN=node-1,O=Example", Instant.now().plus(Duration.ofDays(2)), Duration.ofDays(30));
        TestPki.writeKey(config.resolve("future.key"), future);
        TestPki.writeCertificates(config.resolve("future.crt"), future.certificate(), ca.certificate());

        assertThatThrownBy(() -> manager.validate(pemSettings("future")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("is not valid before [");
    }

    @Test
    void validate_keystoreAndPemTogether_rejectsNamingBoth() {
        writePair("leaf", "CN=node-1,O=Example");
        Settings candidate = pemSettings("leaf")
                .merge(Settings.builder()
                        .put("cluster.remote.rc1.signing.keystore.path", "signing.p12")
                        .build());

        assertThatThrownBy(() -> manager.validate(candidate))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[cluster.remote.rc1.signing.keystore.path] cannot be combined with");
    }

    @Test
    void validate_keystoreAliasWithoutPath_rejects() {
        Settings candidate = Settings.builder()
                .put("cluster.remote.rc1.signing.keystore.alias", "signer")
                .build();

        assertThatThrownBy(() -> manager.validate(candidate))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[cluster.remote.rc1.signing.keystore.path] is not");
    }

    @Test
    void validate_validUpdate_acceptedAndApplyPublishesIt() {
        writePair("leaf", "CN=node-1,O=Example");
        writePair("other", "CN=node-2,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);
        Settings candidate = pemSettings("other");

        manager.validate(candidate);
        manager.apply(pemSettings("leaf"), candidate);

        assertThat(signerDn()).isEqualTo("CN=node-2,O=Example");
    }

    @Test
    void apply_signingSettingsRemoved_aliasStopsSigning() {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);

        manager.apply(pemSettings("leaf"), Settings.EMPTY);

        assertThat(manager.signerFor("rc1")).isEmpty();
    }

    @Test
    void checkFiles_rotatedPair_switchesToTheNewCertificate() {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);

        writePair("leaf", "CN=node-1-rotated,O=Example");
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1-rotated,O=Example");
    }

    @Test
    void checkFiles_unchangedFiles_keepsTheSameSigner() {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);
        RequestSigner before = manager.signerFor("rc1").orElseThrow();

        manager.checkFiles();

        assertThat(manager.signerFor("rc1")).containsSame(before);
    }

    @Test
    void checkFiles_certificateWrittenBeforeKey_keepsThePreviousPairUntilBothMatch() {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);
        TestPki.Issued next = ca.issue("CN=node-1-next,O=Example", false);

        TestPki.writeCertificates(config.resolve("leaf.crt"), next.certificate());
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1,O=Example");
        assertThat(manager.status("rc1").orElseThrow().lastReloadError()).isNotNull();

        TestPki.writeKey(config.resolve("leaf.key"), next);
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1-next,O=Example");
        assertThat(manager.status("rc1").orElseThrow().lastReloadError()).isNull();
    }

    @Test
    void checkFiles_certificateDeletedThenRestored_keepsSigningAndRecovers() throws Exception {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);
        byte[] certificate = Files.readAllBytes(config.resolve("leaf.crt"));

        Files.delete(config.resolve("leaf.crt"));
        manager.checkFiles();
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1,O=Example");
        assertThat(manager.status("rc1").orElseThrow().lastReloadError()).contains("leaf.crt");

        Files.write(config.resolve("leaf.crt"), certificate);
        manager.checkFiles();

        assertThat(manager.status("rc1").orElseThrow().lastReloadError()).isNull();
        assertThat(signerDn()).isEqualTo("CN=node-1,O=Example");
    }

    @Test
    void checkFiles_garbageWrittenThenFixed_recovers() throws Exception {
        writePair("leaf", "CN=node-1,O=Example");
        manager.start(pemSettings("leaf"), SecureSettings.EMPTY);

        Files.writeString(config.resolve("leaf.key"), "-----BEGIN PRIVATE KEY-----\nnot base64\n");
        manager.checkFiles();
        assertThat(signerDn()).isEqualTo("CN=node-1,O=Example");

        writePair("leaf", "CN=node-1-fixed,O=Example");
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1-fixed,O=Example");
    }

    @Test
    void checkFiles_kubernetesSymlinkSwap_switchesToTheNewPair() throws Exception {
        Path certs = Files.createDirectories(config.resolve("certs"));
        writeVersionedPair(certs.resolve("..2026_01_01"), "CN=node-1,O=Example");
        Files.createSymbolicLink(certs.resolve("..data"), Path.of("..2026_01_01"));
        Files.createSymbolicLink(certs.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(certs.resolve("tls.key"), Path.of("..data/tls.key"));
        Settings settings = Settings.builder()
                .put(CERT, "certs/tls.crt")
                .put(KEY, "certs/tls.key")
                .build();
        manager.start(settings, SecureSettings.EMPTY);

        writeVersionedPair(certs.resolve("..2026_02_01"), "CN=node-1-february,O=Example");
        Files.createSymbolicLink(certs.resolve("..data_tmp"), Path.of("..2026_02_01"));
        Files.move(certs.resolve("..data_tmp"), certs.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        manager.checkFiles();

        assertThat(signerDn()).isEqualTo("CN=node-1-february,O=Example");
    }

    @Test
    void reload_keystorePasswordChanged_reloadsOrKeepsThePreviousIdentity() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example", "changeit");
        Settings settings = keystoreSettings();
        String password = "cluster.remote.rc1.signing.keystore.secure_password";
        manager.start(settings, MapSecureSettings.of(password, "changeit"));
        assertThat(signerDn()).isEqualTo("CN=node-ks,O=Example");

        writeKeystore("signing.p12", "CN=node-ks-2,O=Example", "newpass");
        assertThatThrownBy(() -> manager.reload(MapSecureSettings.of(password, "wrong")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[rc1]");
        assertThat(signerDn()).isEqualTo("CN=node-ks,O=Example");

        manager.reload(MapSecureSettings.of(password, "newpass"));

        assertThat(signerDn()).isEqualTo("CN=node-ks-2,O=Example");
    }

    @Test
    void start_keystorePasswordNotSet_namesTheSetting() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example", "changeit");
        Settings settings = keystoreSettings();

        assertThatThrownBy(() -> manager.start(settings, SecureSettings.EMPTY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secure setting [cluster.remote.rc1.signing.keystore.secure_password] is not set")
                .hasMessageContaining("certbound keystore add cluster.remote.rc1.signing.keystore.secure_password")
                .hasMessageNotContaining("wrong password");
    }

    @Test
    void start_keystorePasswordWrong_wrongPassword() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example", "changeit");
        Settings settings = keystoreSettings();
        SecureSettings secure = MapSecureSettings.of("cluster.remote.rc1.signing.keystore.secure_password", "nope");

        assertThatThrownBy(() -> manager.start(settings, secure))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong password");
    }

    @Test
    void start_bothPassphraseNames_rejected() {
        writePair("leaf", "CN=node-1,O=Example");
        SecureSettings secure = MapSecureSettings.of(
                "cluster.remote.rc1.signing.secure_key_passphrase", "a",
                "cluster.remote.rc1.signing.key.secure_passphrase", "b");

        assertThatThrownBy(() -> manager.start(pemSettings("leaf"), secure))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remove one of them");
    }

    @Test
    void status_neverContainsThePassword() throws Exception {
        writeKeystore("signing.p12", "CN=node-ks,O=Example", "MARKER-PASSWORD-1234");
        Settings settings = keystoreSettings();
        String password = "cluster.remote.rc1.signing.keystore.secure_password";
        manager.start(settings, MapSecureSettings.of(password, "MARKER-PASSWORD-1234"));

        assertThatThrownBy(() -> manager.reload(MapSecureSettings.of(password, "MARKER-WRONG-5678")))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("MARKER"));
        assertThat(manager.status("rc1").orElseThrow().toString()).doesNotContain("MARKER");
    }

    private String signerDn() {
        return manager.signerFor("rc1").orElseThrow().identity().canonicalDn();
    }

    private static Settings keystoreSettings() {
        return Settings.builder()
                .put("cluster.remote.rc1.signing.keystore.path", "signing.p12")
                .build();
    }

    private Settings pemSettings(String name) {
        return Settings.builder()
                .put(CERT, name + ".crt")
                .put(KEY, name + ".key")
                .build();
    }

    private void writePair(String name, String dn) {
        TestPki.Issued leaf = ca.issue(dn, false);
        // Key first, then certificate, each atomically, as a careful rotation tool writes them.
        TestPki.writeKey(config.resolve(name + ".key"), leaf);
        TestPki.writeCertificates(config.resolve(name + ".crt"), leaf.certificate(), ca.certificate());
    }

    private void writeVersionedPair(Path directory, String dn) {
        TestPki.Issued leaf = ca.issue(dn, false);
        TestPki.writeKey(directory.resolve("tls.key"), leaf);
        TestPki.writeCertificates(directory.resolve("tls.crt"), leaf.certificate(), ca.certificate());
    }

    private void writeKeystore(String name, String dn, String password) throws Exception {
        TestPki.Issued leaf = ca.issue(dn, false);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signer", leaf.keyPair().getPrivate(), password.toCharArray(), new X509Certificate[] {
            leaf.certificate(), ca.certificate()
        });
        Path temporary = config.resolve(name + ".tmp");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password.toCharArray());
        }
        Files.move(temporary, config.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(CanonicalDn.of(leaf.certificate())).isEqualTo(dn);
    }
}
