package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AffixSettingTest {

    private final AffixSetting<Optional<Path>> certificate = AffixSetting.affix(
            "cluster.remote.", "signing.certificate", ns -> Setting.pathSetting("ignored", "The certificate of " + ns));

    @Test
    void concrete_usesConcreteKey() {
        Setting<Optional<Path>> concrete = certificate.concrete("rc1");

        assertThat(concrete.key()).isEqualTo("cluster.remote.rc1.signing.certificate");
        assertThat(concrete.description()).isEqualTo("The certificate of rc1");
    }

    @Test
    void namespaces_listsEveryAliasWithValue() {
        Settings settings = Settings.builder()
                .put("cluster.remote.rc1.signing.certificate", "a.pem")
                .put("cluster.remote.rc2.signing.certificate", "b.pem")
                .put("cluster.remote.rc3.signing.key", "c.pem")
                .build();

        assertThat(certificate.namespaces(settings)).containsExactly("rc1", "rc2");
    }

    @Test
    void namespaceOf_rejectsOtherKeys() {
        assertThat(certificate.namespaceOf("cluster.remote.rc1.signing.certificate"))
                .contains("rc1");
        assertThat(certificate.namespaceOf("cluster.remote.a.b.signing.certificate"))
                .isEmpty();
        assertThat(certificate.namespaceOf("cluster.remote.signing.certificate"))
                .isEmpty();
        assertThat(certificate.matches("cluster.remote.rc1.signing.key")).isFalse();
    }

    @Test
    void concrete_invalidNamespaceIsRejected() {
        assertThatThrownBy(() -> certificate.concrete("bad.alias")).hasMessageContaining("invalid namespace");
    }

    @Test
    void registry_resolvesAffixKeys() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(certificate);

        assertThat(registry.lookup("cluster.remote.rc9.signing.certificate"))
                .hasValueSatisfying(s -> assertThat(s.key()).isEqualTo("cluster.remote.rc9.signing.certificate"));
        assertThat(registry.lookup("cluster.remote.rc9.signing.certificat")).isEmpty();
        assertThat(registry.closestKey("cluster.remote.rc9.signing.certificat"))
                .isEqualTo("cluster.remote.rc9.signing.certificate");
    }
}
