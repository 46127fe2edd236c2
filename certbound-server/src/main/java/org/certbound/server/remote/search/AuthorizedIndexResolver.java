package org.certbound.server.remote.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Resolves index expressions to concrete index names, where wildcards reach only the indices the caller
 * may read.
 *
 * <p>Rules, as Elasticsearch applies them to a request with security: {@code *} and {@code _all} and
 * other wildcard patterns expand over the authorized indices only, so an unauthorized index is silently
 * left out; {@code -pattern} removes matches of earlier elements; a literal name must be authorized (else the
 * caller gets a 403 naming the index) and must exist (else {@code index_not_found_exception}, unless
 * {@code ignore_unavailable}).
 *
 * <p>Authorization comes before existence, so a literal name outside the caller's privileges gets the same 403
 * whether or not the index exists, and the caller cannot probe for names it may not read.
 */
public final class AuthorizedIndexResolver {

    /**
     * The outcome: the concrete indices, the literal names that are not authorized (whether or not they exist), and
     * the authorized literal names that do not exist.
     */
    public record Resolution(List<String> indices, List<String> unauthorized, List<String> missing) {

        /** Copies the lists. */
        public Resolution {
            indices = List.copyOf(indices);
            unauthorized = List.copyOf(unauthorized);
            missing = List.copyOf(missing);
        }
    }

    private AuthorizedIndexResolver() {}

    /**
     * Resolves expressions.
     *
     * @param expressions the index expressions, each possibly comma-separated
     * @param existing every index name on this node
     * @param authorized whether the caller may run the action on an index
     * @return the resolution
     */
    public static Resolution resolve(
            List<String> expressions, Collection<String> existing, Predicate<String> authorized) {
        Set<String> result = new LinkedHashSet<>();
        List<String> unauthorized = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> sorted = existing.stream().sorted().toList();
        for (String expression : expressions) {
            for (String raw : expression.split(",", -1)) {
                String element = raw.trim();
                if (element.isEmpty()) {
                    continue;
                }
                if (element.startsWith("-") && !result.isEmpty()) {
                    Pattern exclusion = glob(element.substring(1));
                    result.removeIf(index -> exclusion.matcher(index).matches());
                } else if (element.equals("_all") || element.contains("*")) {
                    Pattern pattern = glob(element.equals("_all") ? "*" : element);
                    sorted.stream()
                            .filter(index -> pattern.matcher(index).matches())
                            .filter(index -> !index.startsWith(".") || element.startsWith("."))
                            .filter(authorized)
                            .forEach(result::add);
                } else if (!authorized.test(element)) {
                    unauthorized.add(element);
                } else if (!existing.contains(element)) {
                    missing.add(element);
                } else {
                    result.add(element);
                }
            }
        }
        return new Resolution(List.copyOf(result), unauthorized, missing);
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
