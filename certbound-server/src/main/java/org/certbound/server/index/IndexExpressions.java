package org.certbound.server.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.certbound.server.index.mapping.Mappings;
import org.jspecify.annotations.Nullable;

/**
 * Resolution of an index expression against the existing indices: names, comma lists, {@code *} wildcards,
 * {@code -name} exclusions of what earlier parts matched, and {@code _all}.
 */
public final class IndexExpressions {
    private IndexExpressions() {}

    /**
     * Options of an expression, as the {@code ignore_unavailable} and {@code allow_no_indices} parameters.
     *
     * @param ignoreUnavailable whether a named index that does not exist is skipped rather than an error
     * @param allowNoIndices whether an expression that resolves to no index is allowed rather than an error
     */
    public record Options(boolean ignoreUnavailable, boolean allowNoIndices) {
        /** The defaults of search: missing names are errors, wildcards matching nothing are not. */
        public static final Options SEARCH = new Options(false, true);

        /** Options for requests that need every named index to exist. */
        public static final Options STRICT = new Options(false, false);
    }

    /**
     * Resolves an expression to index names in a stable order.
     *
     * @param expression the expression; null, empty, {@code _all} and {@code *} mean every index
     * @param existing the names of the existing indices
     * @throws IndexException 404 {@code index_not_found_exception} for a missing name unless ignored, or for an
     *     expression that matches nothing when {@code allowNoIndices} is off
     */
    public static List<String> resolve(@Nullable String expression, Collection<String> existing, Options options) {
        return resolve(expression, existing, options, index -> true);
    }

    /**
     * Resolves an expression as {@link #resolve(String, Collection, Options)}, letting wildcards and {@code _all}
     * expand only to the indices {@code expandable} accepts; a name given literally resolves whenever it exists.
     */
    public static List<String> resolve(
            @Nullable String expression, Collection<String> existing, Options options, Predicate<String> expandable) {
        List<String> sorted =
                new ArrayList<>(existing.stream().filter(expandable).toList());
        sorted.sort(null);
        if (expression == null || expression.isBlank() || expression.equals("_all") || expression.equals("*")) {
            return checkNotEmpty(sorted, expression == null ? "_all" : expression, options);
        }
        Set<String> out = new LinkedHashSet<>();
        boolean wildcardSeen = false;
        for (String part : expression.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("-") && wildcardSeen) {
                removeMatching(out, name.substring(1));
            } else if (name.contains("*")) {
                wildcardSeen = true;
                Pattern pattern = Mappings.wildcardToRegex(name);
                sorted.stream()
                        .filter(index -> pattern.matcher(index).matches())
                        .forEach(out::add);
            } else if (name.equals("_all")) {
                out.addAll(sorted);
            } else if (existing.contains(name)) {
                out.add(name);
            } else if (!options.ignoreUnavailable()) {
                throw IndexException.indexNotFound(name);
            }
        }
        return checkNotEmpty(List.copyOf(out), expression, options);
    }

    private static void removeMatching(Set<String> names, String excluded) {
        Pattern pattern = Mappings.wildcardToRegex(excluded);
        names.removeIf(name -> pattern.matcher(name).matches());
    }

    private static List<String> checkNotEmpty(List<String> names, String expression, Options options) {
        if (names.isEmpty() && !options.allowNoIndices()) {
            throw IndexException.indexNotFound(expression);
        }
        return names;
    }
}
