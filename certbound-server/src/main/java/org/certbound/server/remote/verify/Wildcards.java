package org.certbound.server.remote.verify;

/** Matching of names against simple patterns where {@code *} stands for any run of characters and {@code ?} for one. */
final class Wildcards {

    private Wildcards() {}

    /**
     * Returns whether {@code name} matches {@code pattern} as a whole.
     *
     * <p>The match is iterative with one backtrack point, so its cost is linear in the lengths for the patterns that
     * role descriptors hold.
     */
    static boolean matches(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = n;
            } else if (starAt >= 0) {
                p = starAt + 1;
                n = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** Returns whether {@code pattern} contains a wildcard character. */
    static boolean isPattern(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }
}
