package org.certbound.server.remote.signing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;

/**
 * An in-memory copy of the keystore values a feature needs, kept after the keystore itself is closed.
 *
 * <p>Security: {@link #toString()} lists key names only. The copies are zeroed by {@link #close()}, which the owner
 * calls when a reload replaces them.
 */
public final class SecureValues implements AutoCloseable {

    private static final SecureValues EMPTY = new SecureValues(Map.of());

    private final Map<String, SecureString> values;

    private SecureValues(Map<String, SecureString> values) {
        this.values = values;
    }

    /** Returns a copy holding no value. */
    public static SecureValues empty() {
        return EMPTY;
    }

    /**
     * Copies every string value of {@code secureSettings} whose key matches {@code keys}.
     *
     * @param secureSettings the open keystore
     * @param keys selects the keys to copy
     * @return the copy
     */
    public static SecureValues copyOf(SecureSettings secureSettings, Predicate<String> keys) {
        Map<String, SecureString> copied = new HashMap<>();
        for (String key : secureSettings.keys()) {
            if (keys.test(key)) {
                secureSettings.getString(key).ifPresent(value -> copied.put(key, value.copy()));
            }
        }
        return copied.isEmpty() ? EMPTY : new SecureValues(Map.copyOf(copied));
    }

    /** Returns the value of {@code key}, still owned by this copy. */
    public Optional<SecureString> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Returns the keys present, sorted. */
    public Set<String> keys() {
        return new TreeSet<>(values.keySet());
    }

    /** Zeroes every value. */
    @Override
    public void close() {
        values.values().forEach(SecureString::close);
    }

    @Override
    public String toString() {
        return "SecureValues" + keys();
    }
}
