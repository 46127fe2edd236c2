package org.certbound.server.settings;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A family of settings with keys {@code prefix + <namespace> + "." + suffix}, such as
 * {@code cluster.remote.<alias>.signing.certificate}. The namespace is one segment without dots.
 *
 * @param <T> the parsed type of each concrete setting
 */
public final class AffixSetting<T> {

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final String PLACEHOLDER = "<name>";

    private final String prefix;
    private final String suffix;
    private final Function<String, Setting<T>> factory;
    private final Setting<T> template;
    private final Map<String, Setting<T>> concrete = new ConcurrentHashMap<>();

    private AffixSetting(String prefix, String suffix, Function<String, Setting<T>> factory) {
        if (!prefix.endsWith(".") || suffix.isEmpty() || suffix.startsWith(".")) {
            throw new IllegalArgumentException("affix setting needs a prefix ending with [.] and a suffix, got ["
                    + prefix + "] and [" + suffix + "]");
        }
        this.prefix = prefix;
        this.suffix = suffix;
        this.factory = Objects.requireNonNull(factory, "factory");
        this.template = factory.apply(PLACEHOLDER).withKey(prefix + PLACEHOLDER + "." + suffix);
    }

    /**
     * Declares the family {@code prefix + <namespace> + "." + suffix}. {@code factory} receives the namespace and
     * returns the declaration for it; the key of the returned setting is replaced by the concrete key, so the
     * factory may pass any key.
     */
    public static <T> AffixSetting<T> affix(String prefix, String suffix, Function<String, Setting<T>> factory) {
        return new AffixSetting<>(prefix, suffix, factory);
    }

    /** Returns the concrete setting of {@code namespace}. */
    public Setting<T> concrete(String namespace) {
        if (!NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("invalid namespace [" + namespace + "] for setting [" + keyPattern()
                    + "]: use letters, digits, [_] and [-]");
        }
        return concrete.computeIfAbsent(namespace, ns -> factory.apply(ns).withKey(prefix + ns + "." + suffix));
    }

    /** Returns every namespace that has a value for this family in {@code settings}. */
    public Set<String> namespaces(Settings settings) {
        Set<String> namespaces = new TreeSet<>();
        for (String key : settings.keySet()) {
            namespaceOf(key).ifPresent(namespaces::add);
        }
        return namespaces;
    }

    /** Returns the namespace of {@code key} when it belongs to this family. */
    public Optional<String> namespaceOf(String key) {
        String tail = "." + suffix;
        if (!key.startsWith(prefix) || !key.endsWith(tail) || key.length() <= prefix.length() + tail.length()) {
            return Optional.empty();
        }
        String namespace = key.substring(prefix.length(), key.length() - tail.length());
        return NAMESPACE.matcher(namespace).matches() ? Optional.of(namespace) : Optional.empty();
    }

    /** Returns whether {@code key} belongs to this family. */
    public boolean matches(String key) {
        return namespaceOf(key).isPresent();
    }

    /** Returns the key with a placeholder for the namespace, for example {@code cluster.remote.<name>.mode}. */
    public String keyPattern() {
        return prefix + PLACEHOLDER + "." + suffix;
    }

    /** Returns the prefix, ending with a dot. */
    public String prefix() {
        return prefix;
    }

    /** Returns the suffix after the namespace. */
    public String suffix() {
        return suffix;
    }

    /** Returns the declaration with the placeholder namespace, for the settings reference. */
    public Setting<T> template() {
        return template;
    }

    @Override
    public String toString() {
        return "AffixSetting[" + keyPattern() + "]";
    }
}
