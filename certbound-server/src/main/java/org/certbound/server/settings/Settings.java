package org.certbound.server.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable, sorted, flat map from setting key to a value that is a {@code String} or a
 * {@code List<String>}. Nested input ({@code {"http": {"port": 9200}}}) is flattened to dotted keys
 * ({@code http.port}).
 */
public final class Settings {

    /** Settings without any key. */
    public static final Settings EMPTY = new Settings(new TreeMap<>());

    private final SortedMap<String, Object> values;

    private Settings(SortedMap<String, Object> values) {
        this.values = Collections.unmodifiableSortedMap(values);
    }

    /** Returns a new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds settings from a map in flat ({@code "a.b": v}), nested ({@code "a": {"b": v}}) or mixed form, as
     * parsed from YAML or JSON. Scalars become strings and lists of scalars become string lists.
     *
     * @throws SettingsException when a key has a null value, appears twice or has an unsupported value
     */
    public static Settings fromFlatOrNested(Map<String, ?> map) {
        Builder builder = builder();
        flatten(map).forEach((key, value) -> {
            if (value == null) {
                throw new SettingsException(key, "setting [" + key + "] has no value; give it a value or remove it");
            }
            builder.putRaw(key, value);
        });
        return builder.build();
    }

    /**
     * Flattens a flat, nested or mixed map into dotted keys, keeping {@code null} values (which mean "reset"
     * in a cluster settings update).
     *
     * @throws SettingsException when a key appears twice or has an unsupported value
     */
    public static Map<String, Object> flatten(Map<String, ?> map) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flattenInto("", map, flat);
        return flat;
    }

    private static void flattenInto(String prefix, Map<String, ?> map, Map<String, Object> flat) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String key = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                flattenInto(key + ".", typed, flat);
                continue;
            }
            if (flat.containsKey(key)) {
                throw new SettingsException(key, "setting [" + key + "] is set twice; keep one of the values");
            }
            flat.put(key, normalize(key, value));
        }
    }

    private static Object normalize(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item == null || item instanceof Map<?, ?> || item instanceof List<?>) {
                    throw new SettingsException(
                            key,
                            "setting [" + key + "] must be a list of plain values; nested values are not supported");
                }
                strings.add(item.toString());
            }
            return List.copyOf(strings);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new SettingsException(
                key,
                "setting [" + key + "] has a value of unsupported type ["
                        + value.getClass().getSimpleName() + "]");
    }

    /** Returns the value of {@code key} as a string (a list joined with commas), or null when absent. */
    public String get(String key) {
        Object value = values.get(key);
        if (value instanceof List<?> list) {
            return String.join(",", asStrings(list));
        }
        return (String) value;
    }

    /** Returns the value of {@code key} as a string, or empty when absent. */
    public Optional<String> getOptional(String key) {
        return Optional.ofNullable(get(key));
    }

    /**
     * Returns the value of {@code key} as a list: a list value as is, a string value split on commas, or an
     * empty list when absent.
     */
    public List<String> getAsList(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return asStrings(list);
        }
        String text = (String) value;
        if (text.isBlank()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            items.add(item.trim());
        }
        return List.copyOf(items);
    }

    /** Returns the raw value, a {@code String} or an unmodifiable {@code List<String>}, or null. */
    public Object getRaw(String key) {
        return values.get(key);
    }

    /** Returns whether {@code key} has a value. */
    public boolean hasValue(String key) {
        return values.containsKey(key);
    }

    /** Returns the keys in sorted order. */
    public Set<String> keySet() {
        return values.keySet();
    }

    /** Returns whether there are no keys. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Returns the settings whose key matches {@code keyPredicate}. */
    public Settings filter(Predicate<String> keyPredicate) {
        SortedMap<String, Object> filtered = new TreeMap<>();
        values.forEach((key, value) -> {
            if (keyPredicate.test(key)) {
                filtered.put(key, value);
            }
        });
        return new Settings(filtered);
    }

    /** Returns the settings whose key starts with {@code prefix}, with the prefix removed from each key. */
    public Settings byPrefix(String prefix) {
        SortedMap<String, Object> result = new TreeMap<>();
        values.tailMap(prefix).forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return new Settings(result);
    }

    /** Returns these settings with every key of {@code overrides} replaced or added. */
    public Settings merge(Settings overrides) {
        if (overrides.isEmpty()) {
            return this;
        }
        SortedMap<String, Object> merged = new TreeMap<>(values);
        merged.putAll(overrides.values);
        return new Settings(merged);
    }

    /** Returns the settings as a sorted flat map of strings and string lists. */
    public Map<String, Object> asFlatMap() {
        return new LinkedHashMap<>(values);
    }

    /**
     * Returns the settings as nested maps split on dots. When a key is both a value and a prefix of other
     * keys ({@code a} and {@code a.b}), the longer keys stay flat at that level.
     */
    public Map<String, Object> asNestedMap() {
        Map<String, Object> root = new TreeMap<>();
        values.forEach((key, value) -> insertNested(root, key, value));
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void insertNested(Map<String, Object> root, String key, Object value) {
        Map<String, Object> node = root;
        String remaining = key;
        int dot;
        while ((dot = remaining.indexOf('.')) > 0) {
            String head = remaining.substring(0, dot);
            Object child = node.get(head);
            if (child != null && !(child instanceof Map)) {
                break;
            }
            if (child == null) {
                child = new TreeMap<String, Object>();
                node.put(head, child);
            }
            node = (Map<String, Object>) child;
            remaining = remaining.substring(dot + 1);
        }
        node.put(remaining, value);
    }

    private static List<String> asStrings(List<?> list) {
        List<String> strings = new ArrayList<>(list.size());
        list.forEach(item -> strings.add(String.valueOf(item)));
        return List.copyOf(strings);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Settings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Returns the keys only, because values may be secret. */
    @Override
    public String toString() {
        return "Settings" + values.keySet();
    }

    /** A mutable builder of {@link Settings}. */
    public static final class Builder {

        private final SortedMap<String, Object> values = new TreeMap<>();

        private Builder() {}

        /** Sets {@code key} to a string value. */
        public Builder put(String key, String value) {
            values.put(requireKey(key), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets {@code key} to the string form of a number or boolean. */
        public Builder put(String key, Object value) {
            return putRaw(requireKey(key), normalize(key, Objects.requireNonNull(value, "value")));
        }

        /** Sets {@code key} to a list value. */
        public Builder putList(String key, List<String> value) {
            values.put(requireKey(key), List.copyOf(value));
            return this;
        }

        /** Sets {@code key} to a list value. */
        public Builder putList(String key, String... value) {
            return putList(key, List.of(value));
        }

        /** Copies every key of {@code settings}. */
        public Builder put(Settings settings) {
            values.putAll(settings.values);
            return this;
        }

        /** Removes {@code key}. */
        public Builder remove(String key) {
            values.remove(key);
            return this;
        }

        Builder putRaw(String key, Object value) {
            if (value instanceof List<?> list) {
                return putList(key, asStrings(list));
            }
            values.put(key, value.toString());
            return this;
        }

        /** Builds the immutable settings. */
        public Settings build() {
            return values.isEmpty() ? EMPTY : new Settings(new TreeMap<>(values));
        }

        private static String requireKey(String key) {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("setting key must not be empty");
            }
            return key;
        }
    }
}
