package org.certbound.server.remote.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;

/** Secure settings backed by a map, for tests. */
public final class MapSecureSettings implements SecureSettings {

    private final Map<String, String> values;

    private MapSecureSettings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** Returns secure settings with the given key and value pairs. */
    public static MapSecureSettings of(String... keysAndValues) {
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapSecureSettings(values);
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public Optional<SecureString> getString(String key) {
        return Optional.ofNullable(values.get(key)).map(value -> new SecureString(value.toCharArray()));
    }

    @Override
    public Optional<byte[]> getFile(String key) {
        return Optional.ofNullable(values.get(key)).map(value -> value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
}
