package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.certbound.identity.TrustAnchors;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustConfigManagerTest {

    private static final String CAS = "cluster.remote.signing.certificate_authorities";

    @TempDir
    Path dir;

    private TestPki.Issued oldRoot;
    private TestPki.Issued newRoot;
    private TrustConfigManager manager;

    @BeforeEach
    void setUp() {
        oldRoot = TestPki.rootCa("CN=Old Root,O=Example");
        newRoot = TestPki.rootCa("CN=New Root,O=Example");
        TestPki.writeCertificates(dir.resolve("r_old.pem"), oldRoot.certificate());
        TestPki.writeCertificates(dir.resolve("r_new.pem"), newRoot.certificate());
        TestPki.writeCertificates(dir.resolve("bundle.pem"), oldRoot.certificate(), newRoot.certificate());
        manager = new TrustConfigManager(dir, Clock.systemUTC());
    }

    @Test
    void start_nothingConfigured_trustsNothing() {
        manager.start(Settings.EMPTY, SecureSettings.EMPTY, true);

        assertThat(manager.isTrustConfigured()).isFalse();
        assertThat(manager.trustAnchors().isEmpty()).isTrue();
    }

    @Test
    void start_twoFilesOrOneBundle_trustBothRoots() {
        manager.start(cas("r_old.pem", "r_new.pem"), SecureSettings.EMPTY, true);
        TrustConfigManager bundled = new TrustConfigManager(dir, Clock.systemUTC());
        bundled.start(cas("bundle.pem"), SecureSettings.EMPTY, true);

        assertThat(manager.trustAnchors().subjects()).containsExactly("CN=Old Root,O=Example", "CN=New Root,O=Example");
        assertThat(bundled.trustAnchors().subjects()).containsExactly("CN=Old Root,O=Example", "CN=New Root,O=Example");
    }

    @Test
    void start_missingCaFile_stopsTheNode() {
        assertThatThrownBy(() -> manager.start(cas("absent.pem"), SecureSettings.EMPTY, true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("absent.pem");
    }

    @Test
    void validate_missingFile_rejectsAndKeepsTheOldTrust() {
        manager.start(cas("r_old.pem"), SecureSettings.EMPTY, true);
        TrustAnchors before = manager.trustAnchors();

        assertThatThrownBy(() -> manager.validate(cas("absent.pem")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("absent.pem")
                .hasMessageContaining(CAS);

        assertThat(manager.trustAnchors()).isSameAs(before);
    }

    @Test
    void validate_signingCertificateAsCa_rejectedAsNotACa() {
        TestPki.Issued leaf = oldRoot.issue("CN=node-1,O=Example", false);
        TestPki.writeCertificates(dir.resolve("leaf.pem"), leaf.certificate());

        assertThatThrownBy(() -> manager.validate(cas("leaf.pem")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[CN=node-1,O=Example]")
                .hasMessageContaining("is not a CA certificate");
    }

    @Test
    void validate_notPem_rejected() throws Exception {
        Files.writeString(dir.resolve("junk.pem"), "hello");

        assertThatThrownBy(() -> manager.validate(cas("junk.pem")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("junk.pem");
    }

    @Test
    void validate_caFilesAndTruststore_rejected() {
        Settings both = cas("r_old.pem")
                .merge(Settings.builder()
                        .put("cluster.remote.signing.truststore.path", "trust.p12")
                        .build());

        assertThatThrownBy(() -> manager.validate(both))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("cannot both be set");
    }

    @Test
    void validate_truststoreTypeWithoutPath_rejected() {
        Settings typeOnly = Settings.builder()
                .put("cluster.remote.signing.truststore.type", "PKCS12")
                .build();

        assertThatThrownBy(() -> manager.validate(typeOnly))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[cluster.remote.signing.truststore.path] is not");
    }

    @Test
    void apply_caListChanged_swapsTheTrust() {
        manager.start(cas("r_old.pem", "r_new.pem"), SecureSettings.EMPTY, true);

        manager.apply(cas("r_old.pem", "r_new.pem"), cas("r_new.pem"));

        assertThat(manager.trustAnchors().subjects()).containsExactly("CN=New Root,O=Example");
    }

    @Test
    void checkFiles_caFileOverwritten_trustsTheNewRootOnly() {
        manager.start(cas("r_new.pem"), SecureSettings.EMPTY, true);
        TestPki.Issued third = TestPki.rootCa("CN=Third Root,O=Example");

        TestPki.writeCertificates(dir.resolve("r_new.pem"), third.certificate());
        manager.checkFiles();

        assertThat(manager.trustAnchors().subjects()).containsExactly("CN=Third Root,O=Example");
    }

    @Test
    void checkFiles_caFileBrokenThenFixed_keepsTheOldTrustThenReloads() throws Exception {
        manager.start(cas("r_new.pem"), SecureSettings.EMPTY, true);

        Files.writeString(dir.resolve("r_new.pem"), "-----BEGIN CERTIFICATE-----\ntruncated");
        manager.checkFiles();

        assertThat(manager.trustAnchors().subjects()).containsExactly("CN=New Root,O=Example");
        assertThat(manager.lastReloadError()).contains("r_new.pem");

        TestPki.writeCertificates(dir.resolve("r_new.pem"), oldRoot.certificate());
        manager.checkFiles();

        assertThat(manager.trustAnchors().subjects()).containsExactly("CN=Old Root,O=Example");
        assertThat(manager.lastReloadError()).isNull();
    }

    @Test
    void apply_patternTimeoutAndDiagnose_takeEffect() {
        manager.start(Settings.EMPTY, SecureSettings.EMPTY, false);
        Settings updated = Settings.builder()
                .put("cluster.remote.signing.pattern_timeout", "250ms")
                .put("cluster.remote.signing.diagnose.trust", "false")
                .build();

        manager.apply(Settings.EMPTY, updated);

        assertThat(manager.patternTimeout().toMillis()).isEqualTo(250);
        assertThat(manager.diagnoseTrust()).isFalse();
    }

    private static Settings cas(String... files) {
        return Settings.builder().putList(CAS, files).build();
    }
}
