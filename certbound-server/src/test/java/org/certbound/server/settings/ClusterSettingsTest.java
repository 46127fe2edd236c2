package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.certbound.server.store.H2StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {

    private static final Setting<Integer> LIMIT = Setting.intSetting("limit", 10, 1, 100, "limit", Property.DYNAMIC);
    private static final Setting<String> MODE = Setting.stringSetting("mode", "a", "mode", Property.DYNAMIC);
    private static final Setting<Integer> PORT = Setting.intSetting("port", 1, 0, 65535, "port");

    @TempDir
    Path dataDir;

    private H2StateStore store;
    private SettingsRegistry registry;

    @BeforeEach
    void open() {
        store = H2StateStore.open(dataDir);
        registry = new SettingsRegistry();
        registry.registerAll(List.of(LIMIT, MODE, PORT));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ClusterSettings newClusterSettings(Settings file) {
        return new ClusterSettings(registry, file, store);
    }

    private static Map<String, Object> map(String key, Object value) {
        Map<String, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    @Test
    void update_precedenceIsTransientPersistentFile() {
        ClusterSettings settings =
                newClusterSettings(Settings.builder().put("limit", "5").build());
        assertThat(settings.get(LIMIT)).isEqualTo(5);

        settings.update(map("limit", 20), Map.of());
        assertThat(settings.get(LIMIT)).isEqualTo(20);

        settings.update(Map.of(), map("limit", 30));
        assertThat(settings.get(LIMIT)).isEqualTo(30);

        settings.update(Map.of(), map("limit", null));
        assertThat(settings.get(LIMIT)).isEqualTo(20);

        settings.update(map("limit", null), Map.of());
        assertThat(settings.get(LIMIT)).isEqualTo(5);
    }

    @Test
    void update_invalidKeyAppliesNothing() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);
        Map<String, Object> persistent = new HashMap<>();
        persistent.put("limit", 50);
        persistent.put("limt", 60);

        assertThatThrownBy(() -> settings.update(persistent, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown persistent setting [limt], did you mean [limit]?");
        assertThat(settings.persistent().isEmpty()).isTrue();
    }

    @Test
    void update_invalidValueAppliesNothing() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);

        assertThatThrownBy(() -> settings.update(map("mode", "b"), map("limit", 500)))
                .hasMessageContaining("invalid value [500] for setting [limit]");
        assertThat(settings.effective().isEmpty()).isTrue();
    }

    @Test
    void update_staticSettingIsRejected() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);

        assertThatThrownBy(() -> settings.update(Map.of(), map("port", 1)))
                .hasMessageContaining("transient setting [port] is not dynamic");
    }

    @Test
    void update_nestedInputIsFlattened() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);
        registry.register(Setting.intSetting("a.b", 1, 0, 9, "ab", Property.DYNAMIC));

        ClusterSettings.UpdateResult result = settings.update(Map.of("a", Map.of("b", 3)), Map.of());

        assertThat(settings.persistent().get("a.b")).isEqualTo("3");
        assertThat(result.persistent().get("a.b")).isEqualTo("3");
    }

    @Test
    void update_wildcardResetRemovesPrefix() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);
        settings.update(Map.of("limit", 2, "mode", "b"), Map.of());

        settings.update(map("*", null), Map.of());

        assertThat(settings.persistent().isEmpty()).isTrue();
    }

    @Test
    void persistent_survivesReopen() {
        newClusterSettings(Settings.EMPTY).update(map("limit", 42), map("mode", "t"));

        ClusterSettings reopened = newClusterSettings(Settings.EMPTY);

        assertThat(reopened.get(LIMIT)).isEqualTo(42);
        assertThat(reopened.transientSettings().isEmpty()).isTrue();
    }

    @Test
    void listener_validateRejectsAndApplySeesChange() {
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);
        List<String> applied = new ArrayList<>();
        settings.addListener(new SettingsListener() {
            @Override
            public Predicate<String> keys() {
                return "mode"::equals;
            }

            @Override
            public void validate(Settings candidate) {
                if ("forbidden".equals(candidate.get("mode"))) {
                    throw new IllegalArgumentException("mode [forbidden] is not allowed");
                }
            }

            @Override
            public void apply(Settings previous, Settings current) {
                applied.add(previous.get("mode") + "->" + current.get("mode"));
            }
        });

        settings.update(map("limit", 3), Map.of());
        settings.update(map("mode", "b"), Map.of());
        assertThatThrownBy(() -> settings.update(map("mode", "forbidden"), map("limit", 4)))
                .hasMessageContaining("not allowed");

        assertThat(applied).containsExactly("null->b");
        assertThat(settings.get(LIMIT)).isEqualTo(3);
    }

    @Test
    void secureSetting_isRejectedByUpdate() {
        registry.register(Setting.secureStringSetting("s.secret", "s"));
        ClusterSettings settings = newClusterSettings(Settings.EMPTY);

        assertThatThrownBy(() -> settings.update(map("s.secret", "v"), Map.of()))
                .hasMessageContaining("is a secure setting")
                .hasMessageContaining("certbound keystore add s.secret");
    }
}
