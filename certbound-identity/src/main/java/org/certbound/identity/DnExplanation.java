package org.certbound.identity;

import java.util.List;

/**
 * Why a canonical DN does or does not match a certificate identity pattern.
 *
 * @param canonicalDn the DN that was tried, in canonical RFC 2253 form
 * @param pattern the pattern as given
 * @param matches whether the pattern matches the DN in full
 * @param reasons likely mistakes in the pattern, in plain sentences; empty when none was recognised
 * @param suggestedPattern a pattern that matches exactly {@code canonicalDn}, with every regex metacharacter escaped
 */
public record DnExplanation(
        String canonicalDn, String pattern, boolean matches, List<String> reasons, String suggestedPattern) {
    /** Copies the reasons. */
    public DnExplanation {
        reasons = List.copyOf(reasons);
    }
}
