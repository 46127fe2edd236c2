package org.certbound.server.index.search;

import java.util.Map;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexExpressions;
import org.jspecify.annotations.Nullable;

/**
 * The URL parameters of {@code _search} and {@code _count}: {@code q}, {@code df}, {@code default_operator},
 * {@code lenient}, {@code from}, {@code size}, {@code sort}, {@code _source}, {@code _source_includes},
 * {@code _source_excludes}, {@code track_total_hits}, {@code typed_keys}, {@code rest_total_hits_as_int},
 * {@code ignore_unavailable} and {@code allow_no_indices}.
 */
public final class SearchParameters {
    /** No parameters. */
    public static final SearchParameters NONE = new SearchParameters(Map.of());

    private final Map<String, String> values;

    private SearchParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Wraps URL parameters by name. */
    public static SearchParameters of(Map<String, String> values) {
        return new SearchParameters(values);
    }

    /** Returns a parameter, or null when absent. */
    public @Nullable String get(String name) {
        return values.get(name);
    }

    /** Returns a boolean parameter; a present parameter without a value is {@code true}. */
    public boolean flag(String name, boolean defaultValue) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        } else if (value.equals("false")) {
            return false;
        }
        throw IndexException.illegalArgument(
                "Failed to parse value [" + value + "] as only [true] or [false] are allowed for [" + name + "]");
    }

    /** Returns a whole-number parameter, or null when absent. */
    public @Nullable Integer integer(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw IndexException.illegalArgument(
                    "Failed to parse int parameter [" + name + "] with value [" + value + "]");
        }
    }

    /** Returns the index expression options. */
    public IndexExpressions.Options indicesOptions() {
        return new IndexExpressions.Options(flag("ignore_unavailable", false), flag("allow_no_indices", true));
    }

    /** Returns whether aggregation names get their type prefix, as the Java client requests. */
    public boolean typedKeys() {
        return flag("typed_keys", false);
    }

    /** Returns whether {@code hits.total} is rendered as a number, as clients before 7.0 expect. */
    public boolean totalHitsAsInt() {
        return flag("rest_total_hits_as_int", false);
    }
}
