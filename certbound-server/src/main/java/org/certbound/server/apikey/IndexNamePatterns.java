package org.certbound.server.apikey;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Validation of the index name patterns in {@code access.*.names}: plain names with {@code *} and {@code ?}
 * wildcards, one pattern per array element.
 */
final class IndexNamePatterns {
    /** The maximum length of an index name in bytes, as in Elasticsearch. */
    static final int MAX_BYTES = 255;

    private static final String FORBIDDEN = "\\/\"<>|#";

    private IndexNamePatterns() {}

    /** Returns {@code names} when every pattern is valid, else throws naming the first invalid one. */
    static List<String> validate(String where, List<String> names) {
        String field = "[" + where + ".names]";
        if (names.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty; list at least one index name or pattern");
        }
        for (String name : names) {
            check(field, name);
        }
        return names;
    }

    private static void check(String field, String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException(field + " must not contain an empty or blank name");
        }
        if (name.indexOf(',') >= 0) {
            throw new IllegalArgumentException(field + " contains [" + name + "], which has a comma; put each "
                    + "pattern in its own array element (exclusions such as [-.security*] are not supported)");
        }
        if (name.startsWith("-")) {
            throw new IllegalArgumentException(
                    field + " contains [" + name + "]; exclusions with a leading [-] are not supported");
        }
        if (name.startsWith("/")) {
            throw new IllegalArgumentException(field + " contains [" + name + "]; regular expression index patterns "
                    + "are not supported, use [*] and [?] wildcards");
        }
        if (name.indexOf(':') >= 0) {
            throw new IllegalArgumentException(field + " contains [" + name + "]; names refer to indices on this "
                    + "cluster and must not carry a cluster prefix");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        field + " contains [" + name + "], which has the invalid character [" + c + "]");
            }
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    field + " contains a name longer than " + MAX_BYTES + " bytes: [" + name + "]");
        }
    }
}
