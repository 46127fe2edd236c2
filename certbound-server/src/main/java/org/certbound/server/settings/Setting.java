package org.certbound.server.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One typed setting declaration: the key, how its value is parsed and validated, its default and its
 * {@link Property properties}. Declare each as a {@code static final} constant in the feature's
 * {@code *Settings} class.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {

    /** Checks a parsed value and throws {@link IllegalArgumentException} saying what is wrong with it. */
    @FunctionalInterface
    public interface Validator<T> {
        /** Throws {@link IllegalArgumentException} when {@code value} is not acceptable. */
        void validate(T value);
    }

    /** Parses a raw value, a {@code String} or a {@code List<String>}, into the setting's type. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Object raw);
    }

    private static final String SECURE_FILE_TYPE = "a secure file stored in the keystore";

    private final String key;
    private final Function<Settings, T> defaultFunction;
    private final String defaultDescription;
    private final Parser<T> parser;
    private final Validator<T> validator;
    private final String typeDescription;
    private final String description;
    private final Set<Property> properties;
    private final Function<SecureSettings, T> secureReader;

    private Setting(
            String key,
            Function<Settings, T> defaultFunction,
            String defaultDescription,
            Parser<T> parser,
            Validator<T> validator,
            String typeDescription,
            String description,
            Function<SecureSettings, T> secureReader,
            Property... properties) {
        this.key = requireKey(key);
        this.defaultFunction = Objects.requireNonNull(defaultFunction, "defaultFunction");
        this.defaultDescription = defaultDescription;
        this.parser = Objects.requireNonNull(parser, "parser");
        this.validator = validator;
        this.typeDescription = Objects.requireNonNull(typeDescription, "typeDescription");
        this.description = Objects.requireNonNull(description, "description");
        this.properties = checkProperties(key, properties);
        this.secureReader = secureReader;
        if ((secureReader != null) != this.properties.contains(Property.SECURE)) {
            throw new IllegalArgumentException("setting [" + key
                    + "] must be declared with secureStringSetting or secureFileSetting to be secure");
        }
    }

    // ---- factories -----------------------------------------------------------------------------------

    /** Declares a string setting; {@code validator} may be null. */
    public static Setting<String> stringSetting(
            String key, String defaultValue, Validator<String> validator, String description, Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                defaultValue,
                raw -> requireString(raw),
                validator,
                "a string",
                description,
                null,
                props);
    }

    /** Declares a string setting without a validator. */
    public static Setting<String> stringSetting(
            String key, String defaultValue, String description, Property... props) {
        return stringSetting(key, defaultValue, null, description, props);
    }

    /** Declares a boolean setting that accepts exactly {@code true} or {@code false}. */
    public static Setting<Boolean> boolSetting(
            String key, boolean defaultValue, String description, Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                Boolean.toString(defaultValue),
                Setting::parseBoolean,
                null,
                "[true] or [false]",
                description,
                null,
                props);
    }

    /** Declares an integer setting within {@code [min, max]}. */
    public static Setting<Integer> intSetting(
            String key, int defaultValue, int min, int max, String description, Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                Integer.toString(defaultValue),
                raw -> (int) parseLong(raw, min, max),
                null,
                "an integer between [" + min + "] and [" + max + "]",
                description,
                null,
                props);
    }

    /** Declares a long setting within {@code [min, max]}. */
    public static Setting<Long> longSetting(
            String key, long defaultValue, long min, long max, String description, Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                Long.toString(defaultValue),
                raw -> parseLong(raw, min, max),
                null,
                "an integer between [" + min + "] and [" + max + "]",
                description,
                null,
                props);
    }

    /** Declares a time setting ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}) of at least {@code min}. */
    public static Setting<Duration> timeSetting(
            String key, Duration defaultValue, Duration min, String description, Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                TimeValues.format(defaultValue),
                raw -> TimeValues.parse(requireString(raw), min),
                null,
                "a time value with a unit of [nanos, micros, ms, s, m, h, d], at least [" + TimeValues.format(min)
                        + "]",
                description,
                null,
                props);
    }

    /** Declares a byte size setting ({@code 100mb}); the parsed value is a number of bytes. */
    public static Setting<Long> byteSizeSetting(
            String key, String defaultValue, String description, Property... props) {
        long parsedDefault = ByteSizes.parse(defaultValue);
        return new Setting<>(
                key,
                s -> parsedDefault,
                defaultValue,
                raw -> ByteSizes.parse(requireString(raw)),
                null,
                "a byte size with a unit of [b, kb, mb, gb, tb, pb]",
                description,
                null,
                props);
    }

    /** Declares a list setting; a string value is split on commas. {@code itemValidator} may be null. */
    public static Setting<List<String>> listSetting(
            String key,
            List<String> defaultValue,
            Validator<String> itemValidator,
            String description,
            Property... props) {
        List<String> copy = List.copyOf(defaultValue);
        Validator<List<String>> validator =
                itemValidator == null ? null : list -> list.forEach(itemValidator::validate);
        return new Setting<>(
                key,
                s -> copy,
                copy.toString(),
                Setting::parseList,
                validator,
                "a list of strings",
                description,
                null,
                props);
    }

    /** Declares a list setting without an item validator. */
    public static Setting<List<String>> listSetting(
            String key, List<String> defaultValue, String description, Property... props) {
        return listSetting(key, defaultValue, null, description, props);
    }

    /** Declares an enum setting whose values are the lowercase constant names. */
    public static <E extends Enum<E>> Setting<E> enumSetting(
            String key, Class<E> type, E defaultValue, String description, Property... props) {
        String names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new Setting<>(
                key,
                s -> defaultValue,
                defaultValue == null ? null : defaultValue.name().toLowerCase(Locale.ROOT),
                raw -> parseEnum(type, requireString(raw)),
                null,
                "one of [" + names + "]",
                description,
                null,
                props);
    }

    /**
     * Declares a path setting without a default. The parsed path is as written; resolve a relative path against
     * the config directory.
     */
    public static Setting<Optional<Path>> pathSetting(String key, String description, Property... props) {
        return new Setting<>(
                key, s -> Optional.empty(), null, Setting::parsePath, null, "a file path", description, null, props);
    }

    /**
     * Declares a secure string setting, read from the keystore through {@link #get(SecureSettings)}. The
     * {@link Property#SECURE} property is added.
     */
    public static Setting<Optional<SecureString>> secureStringSetting(
            String key, String description, Property... props) {
        return new Setting<>(
                key,
                s -> Optional.empty(),
                null,
                raw -> {
                    throw new IllegalStateException("secure setting [" + key + "] is read from the keystore");
                },
                null,
                "a secure string stored in the keystore",
                description,
                secure -> secure.getString(key),
                withSecure(props));
    }

    /** Declares a secure file setting ({@code certbound keystore add-file}); the value is the file's bytes. */
    public static Setting<Optional<byte[]>> secureFileSetting(String key, String description, Property... props) {
        return new Setting<>(
                key,
                s -> Optional.empty(),
                null,
                raw -> {
                    throw new IllegalStateException("secure setting [" + key + "] is read from the keystore");
                },
                null,
                SECURE_FILE_TYPE,
                description,
                secure -> secure.getFile(key),
                withSecure(props));
    }

    /**
     * Declares a setting with a custom parser from the string value; {@code parser} throws
     * {@link IllegalArgumentException} for an invalid value.
     */
    public static <T> Setting<T> customSetting(
            String key,
            T defaultValue,
            String defaultDescription,
            Function<String, T> parser,
            String typeDescription,
            String description,
            Property... props) {
        return new Setting<>(
                key,
                s -> defaultValue,
                defaultDescription,
                raw -> parser.apply(requireString(raw)),
                null,
                typeDescription,
                description,
                null,
                props);
    }

    /** Returns a copy of this declaration under another key, used for the concrete keys of an affix setting. */
    Setting<T> withKey(String newKey) {
        return new Setting<>(
                newKey,
                defaultFunction,
                defaultDescription,
                parser,
                validator,
                typeDescription,
                description,
                secureReader == null ? null : secure -> secureReaderFor(newKey, secure),
                properties.toArray(new Property[0]));
    }

    // ---- access --------------------------------------------------------------------------------------

    /** Returns the key. */
    public String key() {
        return key;
    }

    /**
     * Returns the parsed and validated value in {@code settings}, or the default when absent.
     *
     * @throws SettingsException when the value is invalid
     * @throws IllegalStateException for a secure setting, which {@link #get(SecureSettings)} reads
     */
    public T get(Settings settings) {
        if (isSecure()) {
            if (settings.hasValue(key)) {
                throw secureInSettings();
            }
            return defaultFunction.apply(settings);
        }
        Object raw = settings.getRaw(key);
        if (raw == null) {
            return defaultFunction.apply(settings);
        }
        return parseAndValidate(raw);
    }

    /**
     * Returns the value of a secure setting from {@code secureSettings}: an {@code Optional<SecureString>} or
     * {@code Optional<byte[]>} that the caller owns.
     *
     * @throws IllegalStateException when this setting is not secure
     */
    public T get(SecureSettings secureSettings) {
        if (!isSecure()) {
            throw new IllegalStateException("setting [" + key + "] is not a secure setting");
        }
        return secureReader.apply(secureSettings);
    }

    @SuppressWarnings("unchecked")
    private T secureReaderFor(String concreteKey, SecureSettings secure) {
        Object value =
                typeDescription.equals(SECURE_FILE_TYPE) ? secure.getFile(concreteKey) : secure.getString(concreteKey);
        return (T) value;
    }

    /** Returns whether {@code settings} sets this key. */
    public boolean exists(Settings settings) {
        return settings.hasValue(key);
    }

    /** Returns whether the keystore contains this key. */
    public boolean exists(SecureSettings secureSettings) {
        return secureSettings.keys().contains(key);
    }

    /** Returns the default, which may depend on other settings. */
    public T defaultValue(Settings settings) {
        return defaultFunction.apply(settings);
    }

    /** Checks the value in {@code settings}, and that a secure setting is not there at all. */
    public void validate(Settings settings) {
        get(settings);
    }

    /** Returns what a valid value looks like, for errors and the settings reference. */
    public String typeDescription() {
        return typeDescription;
    }

    /** Returns the default as written in {@code certbound.yml}, or null when there is none. */
    public String defaultDescription() {
        return defaultDescription;
    }

    /** Returns the one-sentence description for the settings reference. */
    public String description() {
        return description;
    }

    /** Returns the properties. */
    public Set<Property> properties() {
        return properties;
    }

    /** Returns whether {@code PUT /_cluster/settings} may change the value. */
    public boolean isDynamic() {
        return properties.contains(Property.DYNAMIC);
    }

    /** Returns whether the value comes from the keystore. */
    public boolean isSecure() {
        return properties.contains(Property.SECURE);
    }

    /** Returns whether the value must never be shown: every secure setting is filtered too. */
    public boolean isFiltered() {
        return properties.contains(Property.FILTERED) || isSecure();
    }

    /** Returns whether a secure settings reload refreshes the value. */
    public boolean isReloadable() {
        return properties.contains(Property.RELOADABLE);
    }

    /** Returns whether the setting is deprecated. */
    public boolean isDeprecated() {
        return properties.contains(Property.DEPRECATED);
    }

    @Override
    public String toString() {
        return "Setting[" + key + "]";
    }

    // ---- parsing -------------------------------------------------------------------------------------

    private T parseAndValidate(Object raw) {
        T value;
        try {
            value = parser.parse(raw);
            if (validator != null) {
                validator.validate(value);
            }
        } catch (IllegalArgumentException e) {
            throw invalidValue(raw, e);
        }
        return value;
    }

    private SettingsException invalidValue(Object raw, IllegalArgumentException cause) {
        String detail = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        if (isFiltered()) {
            // The parser's message may quote the value, so it is left out along with the value itself.
            return new SettingsException(
                    key, "invalid value for setting [" + key + "] (value hidden): expected " + typeDescription);
        }
        String shown = raw instanceof List<?> list ? list.toString() : raw.toString();
        return new SettingsException(
                key,
                "invalid value [" + shown + "] for setting [" + key + "]" + detail + "; expected " + typeDescription,
                cause);
    }

    private SettingsException secureInSettings() {
        return new SettingsException(
                key,
                "setting [" + key + "] is a secure setting and must be stored in the keystore: remove it from"
                        + " [certbound.yml] and run [certbound keystore add " + key + "]");
    }

    private static String requireString(Object raw) {
        if (raw instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("a list is not allowed here");
    }

    private static Boolean parseBoolean(Object raw) {
        String text = requireString(raw);
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private static long parseLong(Object raw, long min, long max) {
        String text = requireString(raw).trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer", e);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    private static List<String> parseList(Object raw) {
        if (raw instanceof List<?> list) {
            List<String> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(item.toString()));
            return List.copyOf(items);
        }
        return Settings.builder().put("v", (String) raw).build().getAsList("v");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        throw new IllegalArgumentException("not a known value");
    }

    private static Optional<Path> parsePath(Object raw) {
        String text = requireString(raw);
        if (text.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid path", e);
        }
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            throw new IllegalArgumentException("invalid setting key [" + key + "]");
        }
        return key;
    }

    private static Property[] withSecure(Property... props) {
        EnumSet<Property> all = EnumSet.of(Property.SECURE);
        all.addAll(Arrays.asList(props));
        return all.toArray(new Property[0]);
    }

    private static Set<Property> checkProperties(String key, Property... props) {
        EnumSet<Property> set = EnumSet.noneOf(Property.class);
        set.addAll(Arrays.asList(props));
        if (set.contains(Property.SECURE) && set.contains(Property.DYNAMIC)) {
            throw new IllegalArgumentException("secure setting [" + key + "] cannot be dynamic");
        }
        if (set.contains(Property.RELOADABLE) && !set.contains(Property.SECURE)) {
            throw new IllegalArgumentException("setting [" + key + "] is reloadable but not secure");
        }
        return Collections.unmodifiableSet(set);
    }
}
