package org.certbound.server.security;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;

/**
 * The setting that turns security off in Elasticsearch. certbound accepts only its default, true, because every REST
 * request is authenticated and authorized and every cross-cluster request carries an API key over TLS.
 */
public final class SecuritySettings {

    /** Whether security is on; only true is accepted. */
    public static final Setting<Boolean> ENABLED = Setting.boolSetting(
            "xpack.security.enabled",
            true,
            "Must be true: certbound does not run without security, and false stops the node at startup");

    private SecuritySettings() {}

    /** Returns every declaration, for the node's settings registry. */
    public static List<Object> all() {
        return List.of(ENABLED);
    }

    /**
     * Rejects {@code xpack.security.enabled: false}, listing the keystore entries that only security can use.
     *
     * @param settings the node settings
     * @param keystoreKeys the names of the keystore entries
     * @param needsSecurity selects the entries that are useless without security, such as remote cluster credentials
     * @throws SettingsException when security is turned off
     */
    public static void requireEnabled(
            Settings settings, Collection<String> keystoreKeys, Predicate<String> needsSecurity) {
        if (ENABLED.get(settings)) {
            return;
        }
        StringBuilder message = new StringBuilder("[")
                .append(ENABLED.key())
                .append("] is [false], but certbound does not run without security; remove the setting or set it to"
                        + " [true]");
        TreeSet<String> useless = new TreeSet<>();
        keystoreKeys.stream().filter(needsSecurity).forEach(useless::add);
        if (!useless.isEmpty()) {
            message.append(". The keystore contains ")
                    .append(useless)
                    .append(", cross-cluster API keys that only work with security on, so a node without security"
                            + " could not use them");
        }
        throw new SettingsException(ENABLED.key(), message.toString());
    }
}
