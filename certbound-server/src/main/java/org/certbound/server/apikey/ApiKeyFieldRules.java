package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The validation rules for the fields that REST and cross-cluster API keys share: name, expiration, metadata. */
final class ApiKeyFieldRules {
    /** The maximum length of an API key name, in characters, as in Elasticsearch. */
    static final int MAX_NAME_LENGTH = 1024;

    /** The maximum expiration, so that creation time plus expiration cannot overflow. */
    static final Duration MAX_EXPIRATION = Duration.ofDays(365L * 1000);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(nanos|micros|ms|s|m|h|d)");

    private ApiKeyFieldRules() {}

    /**
     * Checks an API key name: present, not blank, no leading or trailing whitespace, not starting with {@code _}, at
     * most {@value #MAX_NAME_LENGTH} characters.
     */
    static String name(@Nullable String name) {
        if (name == null) {
            throw new IllegalArgumentException("[name] is required; give the API key a name");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("[name] must not be empty or blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "[name] is " + name.length() + " characters long; the maximum is [" + MAX_NAME_LENGTH + "]");
        }
        int unpaired = unpairedSurrogate(name);
        if (unpaired >= 0) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "[name] is not valid Unicode: it has an unpaired surrogate [\\u%04x] at index [%d]",
                    (int) name.charAt(unpaired),
                    unpaired));
        }
        if (!name.strip().equals(name)) {
            throw new IllegalArgumentException("[name] must not start or end with whitespace: [" + name + "]");
        }
        if (name.startsWith("_")) {
            throw new IllegalArgumentException(
                    "[name] must not start with [_], which is reserved for system use: [" + name + "]");
        }
        return name;
    }

    /** Returns the index of the first surrogate that is not part of a pair, or -1 when the text is valid UTF-16. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses an expiration such as {@code 30d}, {@code 12h} or {@code 500ms} (units nanos, micros, ms, s, m, h, d);
     * it must be positive.
     */
    static Duration expiration(JsonNode value) {
        if (!value.isTextual()) {
            throw JsonFields.wrongType("api_key_request", "expiration", "a duration string such as [30d]", value);
        }
        String text = value.textValue().trim().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("[expiration] has an invalid value [" + value.textValue()
                    + "]; expected a number and one of the units [nanos, micros, ms, s, m, h, d], such as [30d]");
        }
        Duration duration = toDuration(matcher.group(1), matcher.group(2), value.textValue());
        if (duration.isZero()) {
            throw new IllegalArgumentException(
                    "[expiration] must be greater than zero but was [" + value.textValue() + "]");
        }
        return duration;
    }

    /** Checks metadata: an object whose top-level keys do not start with {@code _}. */
    static ObjectNode metadata(JsonNode value) {
        if (!value.isObject()) {
            throw JsonFields.wrongType("api_key_request", "metadata", "an object", value);
        }
        Iterator<String> keys = value.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.startsWith("_")) {
                throw new IllegalArgumentException(
                        "[metadata] keys must not start with [_], which is reserved for system use: [" + key + "]");
            }
        }
        return ((ObjectNode) value).deepCopy();
    }

    private static Duration toDuration(String amount, String unit, String original) {
        try {
            long number = Long.parseLong(amount);
            Duration duration = switch (unit) {
                case "nanos" -> Duration.ofNanos(number);
                case "micros" -> Duration.ofNanos(Math.multiplyExact(number, 1000L));
                case "ms" -> Duration.ofMillis(number);
                case "s" -> Duration.ofSeconds(number);
                case "m" -> Duration.ofMinutes(number);
                case "h" -> Duration.ofHours(number);
                default -> Duration.ofDays(number);
            };
            if (duration.compareTo(MAX_EXPIRATION) > 0) {
                throw new IllegalArgumentException();
            }
            return duration;
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "[expiration] [" + original + "] is too large; the maximum is [" + MAX_EXPIRATION.toDays() + "d]");
        }
    }
}
