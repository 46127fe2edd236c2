package org.certbound.server.remote.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits a comma-separated index expression such as {@code rc1:logs-*,*:metrics,local-*} into the
 * local part and one part per remote cluster alias.
 *
 * <p>Rules, as in Elasticsearch: a {@code :} separates a cluster alias from an index expression
 * (index names cannot contain {@code :}); the alias may hold {@code *} wildcards, which match the
 * configured aliases; {@code -alias:*} removes a cluster that a wildcard selected; an alias without a
 * wildcard that is not configured is an error. An expression without {@code :} is local.
 */
public final class ClusterExpressions {

    /** The result: index expressions for this cluster and for each remote alias, in request order. */
    public record Groups(List<String> local, Map<String, List<String>> remote) {

        /** Copies the parts. */
        public Groups {
            local = List.copyOf(local);
            Map<String, List<String>> copy = new LinkedHashMap<>();
            remote.forEach((alias, expressions) -> copy.put(alias, List.copyOf(expressions)));
            remote = java.util.Collections.unmodifiableMap(copy);
        }

        /** Returns whether the request reaches at least one remote cluster. */
        public boolean isCrossCluster() {
            return !remote.isEmpty();
        }
    }

    private ClusterExpressions() {}

    /**
     * Splits an expression.
     *
     * @param expression the comma-separated expression from the URL path
     * @param aliases the configured remote cluster aliases
     * @return the groups
     * @throws NoSuchRemoteClusterException when a literal alias is not configured
     * @throws IllegalArgumentException when an element has an empty alias or index part
     */
    public static Groups split(String expression, Collection<String> aliases) {
        List<String> local = new ArrayList<>();
        Map<String, List<String>> remote = new LinkedHashMap<>();
        Set<String> excluded = new LinkedHashSet<>();
        for (String element : expression.split(",", -1)) {
            String part = element.trim();
            if (part.isEmpty()) {
                continue;
            }
            int colon = part.indexOf(':');
            if (colon < 0) {
                local.add(part);
                continue;
            }
            String aliasPattern = part.substring(0, colon);
            String indices = part.substring(colon + 1);
            if (aliasPattern.isEmpty() || aliasPattern.equals("-") || indices.isEmpty()) {
                throw new IllegalArgumentException("index expression [" + part + "] must have the form"
                        + " [<cluster alias>:<index expression>] with both parts non-empty");
            }
            if (aliasPattern.startsWith("-")) {
                excludeClusters(aliasPattern.substring(1), indices, aliases, excluded, part);
                continue;
            }
            for (String alias : matchAliases(aliasPattern, aliases)) {
                remote.computeIfAbsent(alias, key -> new ArrayList<>()).add(indices);
            }
        }
        excluded.forEach(remote::remove);
        return new Groups(local, remote);
    }

    private static void excludeClusters(
            String aliasPattern, String indices, Collection<String> aliases, Set<String> excluded, String part) {
        if (!indices.equals("*")) {
            throw new IllegalArgumentException("cluster exclusion [" + part + "] must end in [:*]; to exclude"
                    + " indices of a remote cluster write [<alias>:-<index expression>]");
        }
        excluded.addAll(matchAliases(aliasPattern, aliases));
    }

    private static List<String> matchAliases(String aliasPattern, Collection<String> aliases) {
        if (!aliasPattern.contains("*")) {
            if (!aliases.contains(aliasPattern)) {
                throw new NoSuchRemoteClusterException(aliasPattern);
            }
            return List.of(aliasPattern);
        }
        Pattern pattern = Pattern.compile(globToRegex(aliasPattern));
        return aliases.stream()
                .filter(alias -> pattern.matcher(alias).matches())
                .sorted()
                .toList();
    }

    private static String globToRegex(String glob) {
        return Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
    }
}
