package org.certbound.server.index.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * Field-level security: the fields a role may see, as {@code grant} and {@code except} patterns with {@code *}
 * wildcards over full dotted paths. A field is visible when a grant pattern matches it and no except pattern does.
 * Hidden fields are removed from {@code _source} and behave as unmapped fields for queries, sorting and aggregations.
 *
 * <p>An object is kept in {@code _source} when any field under it is visible. A grant pattern {@code customer} grants
 * the field {@code customer} only; grant {@code customer.*} to include the fields inside that object.
 */
public final class FieldSecurity {
    /** Field security that hides nothing. */
    public static final FieldSecurity UNRESTRICTED = new FieldSecurity(List.of("*"), List.of());

    // A field is visible when any rule shows it; one role entry gives one rule, a union of entries several.
    private final List<Rule> rules;

    private record Rule(
            List<String> grant, List<String> except, List<Pattern> grantPatterns, List<Pattern> exceptPatterns) {
        Rule(List<String> grant, List<String> except) {
            this(List.copyOf(grant), List.copyOf(except), compile(grant), compile(except));
        }

        boolean isVisible(String path) {
            return matchesAny(grantPatterns, path) && !matchesAny(exceptPatterns, path);
        }

        boolean isUnrestricted() {
            return except.isEmpty() && grant.contains("*");
        }
    }

    private FieldSecurity(List<String> grant, List<String> except) {
        this.rules = List.of(new Rule(grant, except));
    }

    private FieldSecurity(List<Rule> rules, boolean unused) {
        this.rules = List.copyOf(rules);
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
        for (String pattern : concat(grant, except)) {
            if (pattern == null || pattern.isBlank()) {
                throw new IllegalArgumentException("[field_security] patterns must not be blank");
            }
        }
        return new FieldSecurity(grant, except);
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

    /** Returns the union of two field securities, as two role entries on the same index grant. */
    public FieldSecurity union(FieldSecurity other) {
        if (isUnrestricted() || other.isUnrestricted()) {
            return UNRESTRICTED;
        }
        List<Rule> union = new ArrayList<>(rules);
        union.addAll(other.rules);
        return new FieldSecurity(union, true);
    }

    /** Returns whether every field is visible. */
    public boolean isUnrestricted() {
        return rules.stream().anyMatch(Rule::isUnrestricted);
    }

    /** Returns whether a field path is visible. */
    public boolean isVisible(String path) {
        for (Rule rule : rules) {
            if (rule.isVisible(path)) {
                return true;
            }
        }
        return false;
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

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSecurity that && patterns().equals(that.patterns());
    }

    @Override
    public int hashCode() {
        return Objects.hash(patterns());
    }

    // Compiled patterns have no value equality, so equality compares the pattern strings of each rule.
    private List<List<List<String>>> patterns() {
        return rules.stream().map(rule -> List.of(rule.grant(), rule.except())).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("FieldSecurity{");
        for (Rule rule : rules) {
            out.append("[grant=")
                    .append(rule.grant())
                    .append(", except=")
                    .append(rule.except())
                    .append(']');
        }
        return out.append('}').toString();
    }
}
