package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettingsRegistryTest {

    @Test
    void register_duplicateKeyIsRejected() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(Setting.intSetting("http.port", 1, 0, 2, "a"));

        assertThatThrownBy(() -> registry.register(Setting.intSetting("http.port", 1, 0, 2, "b")))
                .hasMessageContaining("[http.port] is registered twice");
    }

    @Test
    void closestKey_findsTypoAndIgnoresUnrelated() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(Setting.intSetting("http.port", 1, 0, 2, "a"));
        registry.register(Setting.stringSetting("cluster.name", "c", "b"));

        assertThat(registry.closestKey("http.prot")).isEqualTo("http.port");
        assertThat(registry.closestKey("clustr.name")).isEqualTo("cluster.name");
        assertThat(registry.closestKey("completely.different.thing")).isNull();
    }

    @Test
    void closestKey_invalidAffixNamespace_neverSuggestsTheKeyItself() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(AffixSetting.affix("cluster.remote.", "seeds", ns -> Setting.stringSetting("x", "", "s")));

        assertThat(registry.closestKey("cluster.remote.a b.seeds")).isEqualTo("cluster.remote.<name>.seeds");
        assertThat(registry.closestKey("cluster.remote.<name>.seeds")).isNull();
        assertThat(registry.unknownSetting("cluster.remote.a b.seeds", "certbound.yml")
                        .getMessage())
                .isEqualTo("unknown setting [cluster.remote.a b.seeds] in [certbound.yml], did you mean "
                        + "[cluster.remote.<name>.seeds]?");
    }

    @Test
    void unknownSetting_noCloseKey_hasNoSuggestion() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(Setting.intSetting("http.port", 1, 0, 2, "a"));

        assertThat(registry.unknownSetting("completely.different.thing", "certbound.yml")
                        .getMessage())
                .isEqualTo("unknown setting [completely.different.thing] in [certbound.yml]");
    }

    @Test
    void unknownSetting_namesSourceAndSuggestion() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.register(Setting.intSetting("http.port", 1, 0, 2, "a"));

        SettingsException error = registry.unknownSetting("http.prot", "certbound.yml");

        assertThat(error.getMessage())
                .isEqualTo("unknown setting [http.prot] in [certbound.yml], did you mean [http.port]?");
        assertThat(error.key()).isEqualTo("http.prot");
    }

    @Test
    void editDistance_countsEdits() {
        assertThat(SettingsRegistry.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(SettingsRegistry.editDistance("", "abc")).isEqualTo(3);
        assertThat(SettingsRegistry.editDistance("same", "same")).isZero();
    }
}
