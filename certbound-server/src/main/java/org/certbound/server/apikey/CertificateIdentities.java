package org.certbound.server.apikey;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The seam to the identity library's pattern compiler for {@code certificate_identity}: every create and update
 * validates through here, and the authenticator compiles through here.
 */
final class CertificateIdentities {
    /** The maximum pattern length in characters. */
    static final int MAX_LENGTH = 4096;

    private CertificateIdentities() {}

    /**
     * Checks that {@code pattern} is a valid identity pattern.
     *
     * @throws IllegalArgumentException naming {@code certificate_identity}, for a blank, too long or invalid pattern
     */
    static String validate(String pattern) {
        compile(pattern);
        return pattern;
    }

    /** Compiles {@code pattern} for a full, case-sensitive match against an RFC 2253 subject DN. */
    static Pattern compile(String pattern) {
        if (pattern.isBlank()) {
            throw new IllegalArgumentException(
                    "[certificate_identity] must not be empty or blank; give a pattern for the subject DN, "
                            + "or leave the field out");
        }
        if (pattern.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("[certificate_identity] is " + pattern.length()
                    + " characters long; the maximum is [" + MAX_LENGTH + "]");
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "[certificate_identity] is not a valid regular expression: [" + pattern + "]: " + e.getDescription()
                            + " near index " + e.getIndex(),
                    e);
        }
    }
}
