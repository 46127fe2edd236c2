package org.certbound.server.index.security;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.certbound.server.index.mapping.Mappings;

/**
 * One index name pattern of a role: an exact name, a pattern with {@code *} and {@code ?} wildcards, or a regular
 * expression between slashes ({@code /logs-.*}{@code /}), always matched against the whole name.
 *
 * <p>Restricted indices, the security indices named {@code .security} or {@code .security-*}, match only a pattern
 * of an entry that sets {@code allow_restricted_indices}, even when the pattern names them exactly.
 *
 * <p>NOTE: regular expressions use Java's syntax, which agrees with Lucene's regular expressions that Elasticsearch
 * uses for plain patterns but not for every operator (Lucene's {@code &}, {@code ~} and {@code <1-5>}).
 */
public final class IndexNamePattern {
    private static final Pattern RESTRICTED = Pattern.compile("\\.security(-.*)?");

    private final String source;
    private final Pattern pattern;

    private IndexNamePattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Parses a pattern.
     *
     * @throws IllegalArgumentException when the pattern is empty, contains a comma or a leading {@code -} (lists and
     *     exclusions are not patterns), names a remote cluster with {@code :}, or is an invalid regular expression
     */
    public static IndexNamePattern parse(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("index name patterns must not be empty");
        }
        if (source.length() > 1 && source.startsWith("/") && source.endsWith("/")) {
            try {
                return new IndexNamePattern(source, Pattern.compile(source.substring(1, source.length() - 1)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid regular expression in index name pattern [" + source + "]: " + e.getDescription(), e);
            }
        }
        if (source.contains(",")) {
            throw new IllegalArgumentException("index name pattern [" + source + "] must not contain [,]; list each"
                    + " pattern separately in [names]");
        }
        if (source.startsWith("-")) {
            throw new IllegalArgumentException("index name pattern [" + source + "] must not start with [-];"
                    + " exclusions are not supported in role index names");
        }
        if (source.contains(":")) {
            throw new IllegalArgumentException("index name pattern [" + source + "] must not contain a cluster prefix;"
                    + " names refer to indices of this cluster");
        }
        return new IndexNamePattern(source, Mappings.wildcardToRegex(source));
    }

    /** Returns whether the pattern matches an index, never a restricted one unless {@code allowRestricted}. */
    public boolean matches(String index, boolean allowRestricted) {
        if (isRestricted(index) && !allowRestricted) {
            return false;
        }
        return pattern.matcher(index).matches();
    }

    /** Returns whether an index is one of the restricted security indices. */
    public static boolean isRestricted(String index) {
        return RESTRICTED.matcher(index).matches();
    }

    @Override
    public String toString() {
        return source;
    }
}
