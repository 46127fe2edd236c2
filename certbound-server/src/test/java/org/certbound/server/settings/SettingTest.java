package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static Settings of(String key, String value) {
        return Settings.builder().put(key, value).build();
    }

    @Test
    void intSetting_parsesAndChecksRange() {
        Setting<Integer> port = Setting.intSetting("p", 9200, 0, 65535, "port");

        assertThat(port.get(Settings.EMPTY)).isEqualTo(9200);
        assertThat(port.get(of("p", "9201"))).isEqualTo(9201);
        assertThatThrownBy(() -> port.get(of("p", "70000")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("invalid value [70000] for setting [p]")
                .hasMessageContaining("between [0] and [65535]");
        assertThatThrownBy(() -> port.get(of("p", "abc"))).hasMessageContaining("not an integer");
    }

    @Test
    void boolSetting_acceptsOnlyTrueOrFalse() {
        Setting<Boolean> flag = Setting.boolSetting("f", false, "flag");

        assertThat(flag.get(of("f", "true"))).isTrue();
        assertThatThrownBy(() -> flag.get(of("f", "yes"))).hasMessageContaining("[true] or [false]");
    }

    @Test
    void timeSetting_parsesUnitsAndMinimum() {
        Setting<Duration> interval = Setting.timeSetting("t", Duration.ofSeconds(5), Duration.ofMillis(100), "t");

        assertThat(interval.get(of("t", "250ms"))).isEqualTo(Duration.ofMillis(250));
        assertThat(interval.get(of("t", "2m"))).isEqualTo(Duration.ofMinutes(2));
        assertThat(interval.get(of("t", "1d"))).isEqualTo(Duration.ofDays(1));
        assertThat(interval.defaultDescription()).isEqualTo("5s");
        assertThatThrownBy(() -> interval.get(of("t", "10"))).hasMessageContaining("unit");
        assertThatThrownBy(() -> interval.get(of("t", "50ms"))).hasMessageContaining("at least [100ms]");
    }

    @Test
    void byteSizeSetting_parsesUnits() {
        Setting<Long> size = Setting.byteSizeSetting("s", "100mb", "size");

        assertThat(size.get(Settings.EMPTY)).isEqualTo(100L * 1024 * 1024);
        assertThat(size.get(of("s", "1kb"))).isEqualTo(1024L);
        assertThat(size.get(of("s", "1.5kb"))).isEqualTo(1536L);
        assertThatThrownBy(() -> size.get(of("s", "12"))).hasMessageContaining("unit");
    }

    @Test
    void enumSetting_isCaseInsensitive() {
        Setting<Property> property = Setting.enumSetting("e", Property.class, Property.DYNAMIC, "e");

        assertThat(property.get(of("e", "secure"))).isEqualTo(Property.SECURE);
        assertThat(property.defaultDescription()).isEqualTo("dynamic");
        assertThatThrownBy(() -> property.get(of("e", "nope"))).hasMessageContaining("one of [dynamic, secure");
    }

    @Test
    void listSetting_validatesItems() {
        Setting<List<String>> list = Setting.listSetting(
                "l",
                List.of("a"),
                item -> {
                    if (item.isEmpty()) {
                        throw new IllegalArgumentException("empty item");
                    }
                },
                "l");

        assertThat(list.get(Settings.EMPTY)).containsExactly("a");
        assertThat(list.get(of("l", "x,y"))).containsExactly("x", "y");
        assertThatThrownBy(
                        () -> list.get(Settings.builder().putList("l", "x", "").build()))
                .hasMessageContaining("empty item");
    }

    @Test
    void pathSetting_isOptional() {
        Setting<Optional<Path>> path = Setting.pathSetting("p", "p");

        assertThat(path.get(Settings.EMPTY)).isEmpty();
        assertThat(path.get(of("p", "certs/a.pem"))).contains(Path.of("certs/a.pem"));
    }

    @Test
    void filteredSetting_hidesValueInErrors() {
        Setting<Integer> hidden = Setting.intSetting("h", 1, 0, 10, "h", Property.FILTERED);

        assertThatThrownBy(() -> hidden.get(of("h", "s3cr3t")))
                .hasMessageContaining("[h]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void secureSetting_readsKeystoreAndRejectsConfigFile() {
        Setting<Optional<SecureString>> secret = Setting.secureStringSetting("s.password", "s", Property.RELOADABLE);
        SecureSettings keystore = new SecureSettings() {
            @Override
            public Set<String> keys() {
                return Set.of("s.password");
            }

            @Override
            public Optional<SecureString> getString(String key) {
                return Optional.of(new SecureString("pw".toCharArray()));
            }

            @Override
            public Optional<byte[]> getFile(String key) {
                return Optional.empty();
            }

            @Override
            public void close() {}
        };

        assertThat(secret.isSecure()).isTrue();
        assertThat(secret.isFiltered()).isTrue();
        assertThat(secret.isReloadable()).isTrue();
        assertThat(secret.get(keystore).orElseThrow().unsafeChars()).containsExactly('p', 'w');
        assertThatThrownBy(() -> secret.get(of("s.password", "leak")))
                .hasMessageContaining("secure setting")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leak"));
    }

    @Test
    void secureAndDynamic_isRejected() {
        assertThatThrownBy(() -> Setting.secureStringSetting("x", "x", Property.DYNAMIC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be dynamic");
    }

    @Test
    void reloadableWithoutSecure_isRejected() {
        assertThatThrownBy(() -> Setting.stringSetting("x", "d", "x", Property.RELOADABLE))
                .hasMessageContaining("reloadable but not secure");
    }
}
