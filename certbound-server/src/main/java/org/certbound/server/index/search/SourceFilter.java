package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * The {@code _source} option of a search: whether to return the source, and which fields. Patterns match full dotted
 * paths with {@code *} wildcards; including an object includes everything inside it; excludes apply after includes.
 */
public final class SourceFilter {
    /** Returns the whole source. */
    public static final SourceFilter ALL = new SourceFilter(true, List.of(), List.of());

    /** Returns no source. */
    public static final SourceFilter NONE = new SourceFilter(false, List.of(), List.of());

    private final boolean fetch;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    private SourceFilter(boolean fetch, List<String> includes, List<String> excludes) {
        this.fetch = fetch;
        this.includes = compile(includes);
        this.excludes = compile(excludes);
    }

    /** Creates a filter from include and exclude patterns; no includes means every field. */
    public static SourceFilter of(List<String> includes, List<String> excludes) {
        return new SourceFilter(true, includes, excludes);
    }

    /**
     * Parses the {@code _source} value of a search body: a boolean, a pattern, an array of patterns, or an object
     * with {@code includes} and {@code excludes}.
     *
     * @throws IndexException {@code parsing_exception} for any other shape
     */
    public static SourceFilter parse(@Nullable JsonNode json) {
        if (json == null || json.isNull()) {
            return ALL;
        } else if (json.isBoolean()) {
            return json.booleanValue() ? ALL : NONE;
        } else if (json.isTextual() || json.isArray()) {
            return of(strings(json, "_source"), List.of());
        } else if (json.isObject()) {
            List<String> includes = strings(first(json, "includes", "include"), "_source.includes");
            List<String> excludes = strings(first(json, "excludes", "exclude"), "_source.excludes");
            return of(includes, excludes);
        }
        throw IndexException.parsing(
                "[_source] must be a boolean, a string, an array or an object with [includes]" + " and [excludes]");
    }

    /** Returns whether the source is returned at all. */
    public boolean fetch() {
        return fetch;
    }

    /** Returns the filtered source, or null when no source is returned. */
    public @Nullable JsonNode apply(JsonNode source) {
        if (!fetch) {
            return null;
        }
        if (includes.isEmpty() && excludes.isEmpty() || !source.isObject()) {
            return source;
        }
        return filterObject("", (ObjectNode) source, includes.isEmpty());
    }

    private ObjectNode filterObject(String prefix, ObjectNode object, boolean parentIncluded) {
        ObjectNode out = object.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode kept = filterValue(path, field.getValue(), parentIncluded || matches(includes, path));
            if (kept != null) {
                out.set(field.getKey(), kept);
            }
        }
        return out;
    }

    private @Nullable JsonNode filterValue(String path, JsonNode value, boolean included) {
        if (matches(excludes, path)) {
            return null;
        }
        if (value.isObject()) {
            ObjectNode filtered = filterObject(path, (ObjectNode) value, included);
            return filtered.isEmpty() && !included ? null : filtered;
        }
        if (value.isArray()) {
            ArrayNode filtered = ((ArrayNode) value).arrayNode();
            for (JsonNode element : value) {
                JsonNode kept = element.isObject() ? filterValue(path, element, included) : included ? element : null;
                if (kept != null) {
                    filtered.add(kept);
                }
            }
            return filtered.isEmpty() && !included ? null : filtered;
        }
        return included ? value : null;
    }

    private static boolean matches(List<Pattern> patterns, String path) {
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

    private static @Nullable JsonNode first(JsonNode json, String name, String alias) {
        return json.has(name) ? json.get(name) : json.get(alias);
    }

    /** Splits a comma-separated list of patterns, as the URL parameters give them. */
    public static List<String> splitPatterns(@Nullable String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    private static List<String> strings(@Nullable JsonNode json, String name) {
        List<String> out = new ArrayList<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (json.isTextual()) {
            out.add(json.asText());
            return out;
        }
        if (!json.isArray()) {
            throw IndexException.parsing("[" + name + "] must be a string or an array of strings");
        }
        json.forEach(value -> out.add(value.asText()));
        return out;
    }
}
