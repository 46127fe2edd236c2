package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void fromFlatOrNested_flattensNestedMaps() {
        Map<String, Object> nested = Map.of("http", Map.of("port", 9201, "host", "127.0.0.1"), "a.b", true);

        Settings settings = Settings.fromFlatOrNested(nested);

        assertThat(settings.get("http.port")).isEqualTo("9201");
        assertThat(settings.get("http.host")).isEqualTo("127.0.0.1");
        assertThat(settings.get("a.b")).isEqualTo("true");
        assertThat(settings.keySet()).containsExactly("a.b", "http.host", "http.port");
    }

    @Test
    void fromFlatOrNested_duplicateKeyIsRejected() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("http.port", 1);
        map.put("http", Map.of("port", 2));

        assertThatThrownBy(() -> Settings.fromFlatOrNested(map))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("[http.port] is set twice");
    }

    @Test
    void fromFlatOrNested_nullValueIsRejected() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("node.name", null);

        assertThatThrownBy(() -> Settings.fromFlatOrNested(map)).hasMessageContaining("[node.name] has no value");
    }

    @Test
    void getAsList_splitsStringsAndKeepsLists() {
        Settings settings = Settings.builder()
                .put("a", "x, y,z")
                .putList("b", List.of("1", "2"))
                .build();

        assertThat(settings.getAsList("a")).containsExactly("x", "y", "z");
        assertThat(settings.getAsList("b")).containsExactly("1", "2");
        assertThat(settings.getAsList("missing")).isEmpty();
        assertThat(settings.get("b")).isEqualTo("1,2");
    }

    @Test
    void byPrefix_removesPrefix() {
        Settings settings = Settings.builder()
                .put("cluster.remote.rc1.mode", "proxy")
                .put("cluster.remote.rc2.mode", "sniff")
                .put("cluster.name", "x")
                .build();

        Settings remote = settings.byPrefix("cluster.remote.");

        assertThat(remote.keySet()).containsExactly("rc1.mode", "rc2.mode");
    }

    @Test
    void merge_overridesWin() {
        Settings base = Settings.builder().put("a", "1").put("b", "1").build();
        Settings overrides = Settings.builder().put("b", "2").build();

        Settings merged = base.merge(overrides);

        assertThat(merged.get("a")).isEqualTo("1");
        assertThat(merged.get("b")).isEqualTo("2");
    }

    @Test
    void asNestedMap_splitsOnDots() {
        Settings settings = Settings.builder().put("a.b.c", "1").put("a.d", "2").build();

        assertThat(settings.asNestedMap()).isEqualTo(Map.of("a", Map.of("b", Map.of("c", "1"), "d", "2")));
    }

    @Test
    void toString_showsKeysOnly() {
        Settings settings = Settings.builder().put("secret.key", "hunter2").build();

        assertThat(settings.toString()).contains("secret.key").doesNotContain("hunter2");
    }
}
