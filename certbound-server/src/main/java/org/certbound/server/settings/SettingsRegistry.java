package org.certbound.server.settings;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every setting declared on the node. Features register their {@code *Settings.all()} here at startup; lookups
 * resolve a concrete key, including affix keys, to its declaration.
 */
public final class SettingsRegistry {

    private final NavigableMap<String, Setting<?>> settings = new TreeMap<>();
    private final List<AffixSetting<?>> affixSettings = new CopyOnWriteArrayList<>();

    /**
     * Registers one declaration.
     *
     * @throws IllegalArgumentException when the key is already registered
     */
    public synchronized void register(Setting<?> setting) {
        if (settings.containsKey(setting.key()) || findAffix(setting.key()).isPresent()) {
            throw new IllegalArgumentException("setting [" + setting.key() + "] is registered twice");
        }
        settings.put(setting.key(), setting);
    }

    /**
     * Registers an affix family.
     *
     * @throws IllegalArgumentException when the same family is already registered
     */
    public synchronized void register(AffixSetting<?> affix) {
        for (AffixSetting<?> existing : affixSettings) {
            if (existing.keyPattern().equals(affix.keyPattern())) {
                throw new IllegalArgumentException("setting [" + affix.keyPattern() + "] is registered twice");
            }
        }
        affixSettings.add(affix);
    }

    /**
     * Registers each {@link Setting} or {@link AffixSetting} of a feature's {@code all()} list.
     *
     * @throws IllegalArgumentException for a duplicate key or an element of another type
     */
    public void registerAll(Collection<?> declarations) {
        for (Object declaration : declarations) {
            if (declaration instanceof Setting<?> setting) {
                register(setting);
            } else if (declaration instanceof AffixSetting<?> affix) {
                register(affix);
            } else {
                throw new IllegalArgumentException("not a setting declaration: [" + declaration + "]");
            }
        }
    }

    /** Returns the declaration of {@code concreteKey}; an affix key resolves to its concrete setting. */
    public synchronized Optional<Setting<?>> lookup(String concreteKey) {
        Setting<?> setting = settings.get(concreteKey);
        if (setting != null) {
            return Optional.of(setting);
        }
        return findAffix(concreteKey)
                .map(affix -> affix.concrete(affix.namespaceOf(concreteKey).orElseThrow()));
    }

    /** Returns every declaration, simple settings sorted by key and then the affix families. */
    public synchronized List<Object> all() {
        List<Object> all = new ArrayList<>(settings.values());
        all.addAll(affixSettings);
        return all;
    }

    /** Returns the simple (non-affix) settings sorted by key. */
    public synchronized List<Setting<?>> simpleSettings() {
        return List.copyOf(settings.values());
    }

    /** Returns the affix families. */
    public List<AffixSetting<?>> affixSettings() {
        return List.copyOf(affixSettings);
    }

    /**
     * Returns the known key closest to {@code unknown} by edit distance, or null when none is close enough to be
     * a likely typo. The result is never {@code unknown} itself; for an affix family whose namespace in
     * {@code unknown} is invalid, the suggestion is the family's key pattern, such as
     * {@code cluster.remote.<name>.seeds}.
     */
    public synchronized String closestKey(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<String> candidates = new ArrayList<>(settings.keySet());
        // A key under a reserved namespace, such as cluster.remote.signing.*, gets no per-name key as a suggestion.
        affixSettings.stream()
                .filter(affix -> reservedNamespace(affix, unknown).isEmpty())
                .forEach(affix -> candidates.add(affixCandidate(affix, unknown)));
        for (String candidate : candidates) {
            if (candidate.equals(unknown)) {
                // An unknown key is never its own suggestion.
                continue;
            }
            int distance = editDistance(unknown, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int threshold = Math.max(2, unknown.length() / 3);
        return bestDistance <= threshold ? best : null;
    }

    /**
     * Builds the error for an unknown key, naming it, its source and the closest known key.
     */
    public SettingsException unknownSetting(String key, String source) {
        return new SettingsException(key, "unknown setting [" + key + "] in [" + source + "]" + unknownKeyHint(key));
    }

    /**
     * Returns the text that follows "unknown setting [key]": why the key's namespace cannot be used, or the closest
     * known key, or nothing.
     */
    public synchronized String unknownKeyHint(String key) {
        for (AffixSetting<?> affix : affixSettings) {
            Optional<String> namespace = affix.matches(key) ? reservedNamespace(affix, key) : Optional.empty();
            if (namespace.isPresent()) {
                String reservedPrefix = affix.prefix() + namespace.get();
                return "; [" + namespace.get() + "] cannot be the <name> in [" + affix.keyPattern() + "], because ["
                        + reservedPrefix + "] already names this node's own settings, such as ["
                        + firstKeyUnder(reservedPrefix).orElse(reservedPrefix) + "]; choose another name";
            }
        }
        String closest = closestKey(key);
        return closest == null ? "" : ", did you mean [" + closest + "]?";
    }

    /**
     * Returns the namespace of {@code key} in {@code affix} when that namespace is reserved: when a simple setting
     * is named {@code <prefix><namespace>} or starts with {@code <prefix><namespace>.}. For example the namespace
     * {@code signing} of {@code cluster.remote.<name>.mode} is reserved by {@code cluster.remote.signing.*}, so a
     * remote cluster alias named {@code signing} would mix its keys with those settings.
     */
    private Optional<String> reservedNamespace(AffixSetting<?> affix, String key) {
        String rest =
                key.startsWith(affix.prefix()) ? key.substring(affix.prefix().length()) : "";
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String namespace = rest.substring(0, dot);
        return firstKeyUnder(affix.prefix() + namespace).isPresent() ? Optional.of(namespace) : Optional.empty();
    }

    /** Returns the first simple key that is {@code reservedPrefix} or starts with {@code reservedPrefix.}, if any. */
    private Optional<String> firstKeyUnder(String reservedPrefix) {
        if (settings.containsKey(reservedPrefix)) {
            return Optional.of(reservedPrefix);
        }
        String under = settings.ceilingKey(reservedPrefix + ".");
        return under != null && under.startsWith(reservedPrefix + ".") ? Optional.of(under) : Optional.empty();
    }

    private static String affixCandidate(AffixSetting<?> affix, String unknown) {
        // Compare against the family with the unknown key's own namespace, so a typo in the suffix is found.
        String rest = unknown.startsWith(affix.prefix())
                ? unknown.substring(affix.prefix().length())
                : "";
        int dot = rest.indexOf('.');
        String namespace = dot > 0 ? rest.substring(0, dot) : "<name>";
        String candidate = affix.prefix() + namespace + "." + affix.suffix();
        // A namespace that the family rejects (such as [a b]) would give a key that is unknown as well.
        return affix.matches(candidate) ? candidate : affix.keyPattern();
    }

    private Optional<AffixSetting<?>> findAffix(String key) {
        for (AffixSetting<?> affix : affixSettings) {
            if (affix.matches(key) && reservedNamespace(affix, key).isEmpty()) {
                return Optional.of(affix);
            }
        }
        return Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
