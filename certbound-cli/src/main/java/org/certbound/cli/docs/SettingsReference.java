package org.certbound.cli.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.certbound.server.http.HttpSettings;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.node.NodeFeatures;
import org.certbound.server.node.NodeSettings;
import org.certbound.server.security.SecuritySettings;
import org.certbound.server.settings.AffixSetting;
import org.certbound.server.settings.Property;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.SettingsRegistry;

/**
 * Generates {@code docs/settings.md}, the settings reference, from the node's setting declarations.
 *
 * <p>The declarations are collected the way the node collects them: the core node, HTTP and security settings, then
 * {@link NodeFeature#settings()} of every feature in {@link NodeFeatures#all()}. A test compares the generated text
 * with the committed file, so the reference cannot drift from the code.
 */
public final class SettingsReference {

    private SettingsReference() {}

    /**
     * Writes the reference to the file given as the only argument, or prints it when there is none.
     *
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String text = render();
        if (args.length == 0) {
            System.out.print(text);
        } else {
            Files.writeString(Path.of(args[0]), text, StandardCharsets.UTF_8);
        }
    }

    /** Returns a registry holding every setting a node declares. */
    public static SettingsRegistry registry() {
        SettingsRegistry registry = new SettingsRegistry();
        registry.registerAll(NodeSettings.all());
        registry.registerAll(HttpSettings.all());
        registry.registerAll(SecuritySettings.all());
        for (NodeFeature feature : NodeFeatures.all()) {
            registry.registerAll(feature.settings());
        }
        return registry;
    }

    /** Returns the reference as Markdown. */
    public static String render() {
        List<Row> rows = new ArrayList<>();
        SettingsRegistry registry = registry();
        registry.simpleSettings().forEach(setting -> rows.add(Row.of(setting.key(), setting)));
        registry.affixSettings().forEach(affix -> rows.add(Row.of(affix.keyPattern(), template(affix))));
        rows.sort(Comparator.comparing(Row::key));

        StringBuilder text = new StringBuilder();
        text.append("# Settings reference\n\n");
        text.append("<!-- Generated from the setting declarations by org.certbound.cli.docs.SettingsReference;"
                + " do not edit by hand. -->\n\n");
        text.append("Static settings go in `certbound.yml` (flat `a.b: v` or nested) or on the command line as"
                + " `-E key=value`. Dynamic settings can also be changed at runtime with `PUT /_cluster/settings`"
                + " (`persistent` or `transient`; `null` resets a key). Secure settings live only in the keystore"
                + " (`certbound keystore add --config DIR KEY`); reloadable ones are re-read by"
                + " `POST /_nodes/reload_secure_settings`. Relative paths resolve against the config directory."
                + " `<name>` stands for a namespace such as a remote cluster alias.\n\n");
        for (Map.Entry<String, List<Row>> group : groupByPrefix(rows).entrySet()) {
            text.append("## `").append(group.getKey()).append("`\n\n");
            text.append("| Key | Type | Default | Dynamic | Secure | Description |\n");
            text.append("|---|---|---|---|---|---|\n");
            for (Row row : group.getValue()) {
                text.append(row.markdown()).append('\n');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static Setting<?> template(AffixSetting<?> affix) {
        return affix.template();
    }

    private static Map<String, List<Row>> groupByPrefix(List<Row> rows) {
        Map<String, List<Row>> groups = new TreeMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(group(row.key()), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    private static String group(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    /** One table row. */
    private record Row(String key, String type, String defaultValue, boolean dynamic, String secure, String text) {

        static Row of(String key, Setting<?> setting) {
            String secure = "no";
            if (setting.isSecure()) {
                secure = setting.isReloadable() ? "yes, reloadable" : "yes";
            }
            String description =
                    setting.description() + (setting.properties().contains(Property.DEPRECATED) ? " Deprecated." : "");
            String defaultValue = setting.defaultDescription() == null ? "" : "`" + setting.defaultDescription() + "`";
            return new Row(key, setting.typeDescription(), defaultValue, setting.isDynamic(), secure, description);
        }

        String markdown() {
            return String.format(
                    Locale.ROOT,
                    "| `%s` | %s | %s | %s | %s | %s |",
                    key,
                    cell(type),
                    cell(defaultValue),
                    dynamic ? "yes" : "no",
                    secure,
                    cell(text));
        }

        private static String cell(String value) {
            return value.replace("|", "\\|").replace("\n", " ");
        }
    }
}
