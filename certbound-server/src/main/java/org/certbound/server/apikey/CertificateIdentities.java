package org.certbound.server.apikey;

import java.util.List;
import org.certbound.identity.CertificateIdentityPattern;

/**
 * The seam to the identity library for {@code certificate_identity}: every create and update validates through
 * here, and the cache compiles through here.
 */
final class CertificateIdentities {
    /** The maximum pattern length in characters, as the identity library enforces it. */
    static final int MAX_LENGTH = CertificateIdentityPattern.MAX_LENGTH;

    private CertificateIdentities() {}

    /**
     * Checks that {@code pattern} is a valid identity pattern and returns it unchanged.
     *
     * @throws IllegalArgumentException naming {@code certificate_identity}, for a blank, too long or invalid pattern
     */
    static String validate(String pattern) {
        compile(pattern);
        return pattern;
    }

    /** Compiles {@code pattern} for a full, case-sensitive match against an RFC 2253 subject DN. */
    static CertificateIdentityPattern compile(String pattern) {
        return CertificateIdentityPattern.compile(pattern);
    }

    /** Returns warnings about likely mistakes in a valid pattern, such as an unescaped dot. */
    static List<String> warnings(String pattern) {
        return compile(pattern).warnings();
    }
}
