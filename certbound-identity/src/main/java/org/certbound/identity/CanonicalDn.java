package org.certbound.identity;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;

/**
 * The canonical form of a certificate's subject distinguished name: {@code X500Principal.getName(RFC2253)}.
 *
 * <p>That form lists the most specific RDN first, has no spaces after commas, uppercases attribute keywords, escapes
 * {@code , + = " \ < > ;} with a backslash, and writes attributes without an RFC 2253 keyword (emailAddress, for
 * example) as {@code OID=#hex} of their DER encoding. {@code openssl x509 -noout -subject -nameopt RFC2253} prints
 * the same for single-valued RDNs of ASCII text.
 */
public final class CanonicalDn {
    private CanonicalDn() {}

    /** Returns the canonical DN of the certificate's subject. */
    public static String of(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** Returns the canonical DN of the certificate's issuer. */
    public static String issuerOf(X509Certificate certificate) {
        return certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /**
     * Parses a DN written in RFC 2253 or RFC 1779 form (spaces around separators are allowed) or in OpenSSL's slash
     * form ({@code /C=US/O=Example/CN=node-1}), and returns it in canonical form. RFC 2253 and RFC 1779 input keeps its
     * RDN order; slash input is reversed, because OpenSSL lists the least specific RDN first.
     *
     * @throws IllegalArgumentException if the text is not a DN
     */
    public static String parse(String dn) {
        String text = dn.strip();
        if (text.startsWith("/")) {
            text = DnText.slashToRfc2253(text);
        }
        return new X500Principal(text).getName(X500Principal.RFC2253);
    }

    /** Returns a regex that matches exactly {@code canonicalDn}, with every regex metacharacter escaped. */
    public static String escapeAsPattern(String canonicalDn) {
        StringBuilder pattern = new StringBuilder(canonicalDn.length() + 16);
        for (int i = 0; i < canonicalDn.length(); i++) {
            char c = canonicalDn.charAt(i);
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }
}
