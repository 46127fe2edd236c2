package org.certbound.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.SettingsRegistry;
import org.junit.jupiter.api.Test;

class SettingsReferenceTest {

    /** The committed reference, relative to this module's directory, where surefire runs. */
    private static final Path REFERENCE = Path.of("..", "docs", "settings.md");

    private static final String UPDATE_PROPERTY = "certbound.updateDocs";

    @Test
    void reference_matchesDeclarations() throws Exception {
        String generated = SettingsReference.render();
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(REFERENCE, generated, StandardCharsets.UTF_8);
        }

        String committed = Files.exists(REFERENCE) ? Files.readString(REFERENCE, StandardCharsets.UTF_8) : "";

        assertThat(committed)
                .as("docs/settings.md is out of date; regenerate it with: ./mvnw -B -pl certbound-cli -am test"
                        + " -Dtest=SettingsReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                        + UPDATE_PROPERTY + "=true")
                .isEqualTo(generated);
    }

    @Test
    void reference_listsEverySimpleSetting() {
        SettingsRegistry registry = SettingsReference.registry();

        String text = SettingsReference.render();

        assertThat(registry.simpleSettings()).isNotEmpty();
        for (Setting<?> setting : registry.simpleSettings()) {
            assertThat(text).contains("| `" + setting.key() + "` |");
        }
    }

    @Test
    void reference_marksSecureAndDynamicSettings() {
        SettingsRegistry registry = SettingsReference.registry();
        String text = SettingsReference.render();

        for (Setting<?> setting : registry.simpleSettings()) {
            String row = text.lines()
                    .filter(line -> line.startsWith("| `" + setting.key() + "` |"))
                    .findFirst()
                    .orElseThrow();
            String[] cells = row.split(" \\| ");
            assertThat(cells[3]).as(setting.key() + " dynamic").isEqualTo(setting.isDynamic() ? "yes" : "no");
            assertThat(cells[4]).as(setting.key() + " secure").startsWith(setting.isSecure() ? "yes" : "no");
        }
    }
}
