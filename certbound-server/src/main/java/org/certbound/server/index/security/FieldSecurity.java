package org.certbound.server.index.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * Field-level security: the fields a caller may see, as {@code grant} and {@code except} patterns with {@code *}
 * wildcards over full dotted paths. A field is visible when a grant pattern matches it and no except pattern does.
 * Hidden fields are removed from {@code _source} and behave as unmapped fields for queries, sorting and aggregations.
 *
 * <p>An object is kept in {@code _source} when any field under it is visible. A grant pattern {@code customer} grants
 * the field {@code customer} only; grant {@code customer.*} to include the fields inside that object.
 *
 * <p>Two role entries on one index combine with {@link #union}; the access of an API key and of its owner combine with
 * {@link #intersect}.
 */
public final class FieldSecurity {
    /** Field security that hides nothing. */
    public static final FieldSecurity UNRESTRICTED = new FieldSecurity(new Rule(List.of("*"), List.of()));

    private final Visibility visibility;

    private FieldSecurity(Visibility visibility) {
        this.visibility = visibility;
    }

    /**
     * Creates field security from patterns.
     *
     * @param grant the visible fields; must not be empty
     * @param except the fields hidden again among the granted ones
     * @throws IllegalArgumentException when {@code grant} is empty or a pattern is blank
     */
    public static FieldSecurity of(List<String> grant, List<String> except) {
        if (grant.isEmpty()) {
            throw new IllegalArgumentException(
                    "[field_security.grant] must not be empty; grant [*] to see every" + " field");
        }
        List<String> all = new ArrayList<>(grant);
        all.addAll(except);
        for (String pattern : all) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("[field_security] patterns must not be blank");
            }
        }
        return new FieldSecurity(new Rule(grant, except));
    }

    /**
     * Parses a {@code field_security} object: {@code {"grant":[...],"except":[...]}}; null means unrestricted.
     *
     * @throws IllegalArgumentException when the object is malformed
     */
    public static FieldSecurity parse(@Nullable JsonNode json) {
        if (json == null || json.isNull()) {
            return UNRESTRICTED;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("[field_security] must be an object with [grant] and [except]");
        }
        return of(strings(json, "grant"), strings(json, "except"));
    }

    /** Returns field security that shows a field when either this or {@code other} shows it. */
    public FieldSecurity union(FieldSecurity other) {
        if (isUnrestricted() || other.isUnrestricted()) {
            return UNRESTRICTED;
        }
        return new FieldSecurity(new Either(visibility, other.visibility));
    }

    /** Returns field security that shows a field only when both this and {@code other} show it. */
    public FieldSecurity intersect(FieldSecurity other) {
        if (other.isUnrestricted()) {
            return this;
        } else if (isUnrestricted()) {
            return other;
        }
        return new FieldSecurity(new Both(visibility, other.visibility));
    }

    /** Returns whether every field is visible. */
    public boolean isUnrestricted() {
        return visibility.unrestricted();
    }

    /** Returns whether a field path is visible. */
    public boolean isVisible(String path) {
        return visibility.test(path);
    }

    /** Returns a copy of a document source with the hidden fields removed. */
    public JsonNode filterSource(JsonNode source) {
        if (isUnrestricted() || !source.isObject()) {
            return source;
        }
        return filterObject("", (ObjectNode) source);
    }

    private ObjectNode filterObject(String prefix, ObjectNode object) {
        ObjectNode out = object.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode filtered = filterValue(path, field.getValue());
            if (filtered != null) {
                out.set(field.getKey(), filtered);
            }
        }
        return out;
    }

    private @Nullable JsonNode filterValue(String path, JsonNode value) {
        if (value.isObject()) {
            ObjectNode filtered = filterObject(path, (ObjectNode) value);
            return filtered.isEmpty() && !isVisible(path) ? null : filtered;
        }
        if (value.isArray()) {
            ArrayNode filtered = ((ArrayNode) value).arrayNode();
            for (JsonNode element : value) {
                JsonNode kept = filterValue(path, element);
                if (kept != null) {
                    filtered.add(kept);
                }
            }
            return filtered.isEmpty() && !isVisible(path) ? null : filtered;
        }
        return isVisible(path) ? value : null;
    }

    private static List<String> strings(JsonNode json, String key) {
        List<String> out = new ArrayList<>();
        JsonNode values = json.get(key);
        if (values == null || values.isNull()) {
            return out;
        }
        if (!values.isArray()) {
            throw new IllegalArgumentException("[field_security." + key + "] must be an array of field patterns");
        }
        values.forEach(value -> out.add(value.asText()));
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSecurity that && toString().equals(that.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "FieldSecurity" + visibility;
    }

    private interface Visibility {
        boolean test(String path);

        boolean unrestricted();
    }

    private record Rule(
            List<String> grant, List<String> except, List<Pattern> grantPatterns, List<Pattern> exceptPatterns)
            implements Visibility {
        Rule(List<String> grant, List<String> except) {
            this(List.copyOf(grant), List.copyOf(except), compile(grant), compile(except));
        }

        @Override
        public boolean test(String path) {
            return matchesAny(grantPatterns, path) && !matchesAny(exceptPatterns, path);
        }

        @Override
        public boolean unrestricted() {
            return except.isEmpty() && grant.contains("*");
        }

        @Override
        public String toString() {
            return "{grant=" + grant + ", except=" + except + "}";
        }

        private static boolean matchesAny(List<Pattern> patterns, String path) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(path).matches()) {
                    return true;
                }
            }
            return false;
        }

        private static List<Pattern> compile(List<String> patterns) {
            List<Pattern> out = new ArrayList<>();
            patterns.forEach(pattern -> out.add(Mappings.wildcardToRegex(pattern)));
            return List.copyOf(out);
        }
    }

    private record Either(Visibility first, Visibility second) implements Visibility {
        @Override
        public boolean test(String path) {
            return first.test(path) || second.test(path);
        }

        @Override
        public boolean unrestricted() {
            return first.unrestricted() || second.unrestricted();
        }

        @Override
        public String toString() {
            return "(" + first + " or " + second + ")";
        }
    }

    private record Both(Visibility first, Visibility second) implements Visibility {
        @Override
        public boolean test(String path) {
            return first.test(path) && second.test(path);
        }

        @Override
        public boolean unrestricted() {
            return first.unrestricted() && second.unrestricted();
        }

        @Override
        public String toString() {
            return "(" + first + " and " + second + ")";
        }
    }
}
