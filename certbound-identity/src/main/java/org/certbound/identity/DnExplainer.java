package org.certbound.identity;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Recognises the usual mistakes in certificate identity patterns; backs {@link CertificateIdentityPattern#explain}. */
final class DnExplainer {
    static final String EMAIL_OID = "1.2.840.113549.1.9.1";

    private static final Pattern SPACE_AFTER_COMMA = Pattern.compile(",\\s+[A-Za-z0-9.]+\\s*=");
    private static final Pattern SPACE_AROUND_EQUALS = Pattern.compile("[A-Za-z]\\s+=|=\\s+");
    private static final Pattern EMAIL_KEYWORD = Pattern.compile("(?i)(^|,)\\s*(E|EMAIL|EMAILADDRESS)\\s*=");
    private static final Pattern OPENSSL_HEX_ESCAPE = Pattern.compile("\\\\\\\\[0-9A-Fa-f]{2}");
    private static final Duration BUDGET = Duration.ofMillis(50);

    private DnExplainer() {}

    static DnExplanation explain(String dn, String pattern) {
        return explain(dn, pattern, BUDGET);
    }

    static DnExplanation explain(String dn, String pattern, Duration budget) {
        String suggestion = CanonicalDn.escapeAsPattern(dn);
        List<String> reasons = new ArrayList<>();
        CertificateIdentityPattern compiled;
        try {
            compiled = CertificateIdentityPattern.compile(pattern);
        } catch (IllegalArgumentException e) {
            reasons.add(e.getMessage());
            return new DnExplanation(dn, pattern, false, reasons, suggestion);
        }
        boolean matches;
        try {
            matches = compiled.matches(dn, budget);
        } catch (IdentityException e) {
            reasons.add("matching ran over its budget of " + budget.toMillis() + "ms; the pattern backtracks too much");
            return new DnExplanation(dn, pattern, false, reasons, suggestion);
        }
        // An unescaped dot widens a pattern but never makes it fail, so the causes of a mismatch come first.
        if (!matches) {
            reasons.addAll(mismatchReasons(dn, pattern));
        }
        if (hasUnescapedDot(pattern)) {
            reasons.add("unescaped '.' matches any character; write '\\.' to match a literal dot");
        }
        return new DnExplanation(dn, pattern, matches, reasons, suggestion);
    }

    /** Returns mistakes visible in the pattern text alone: slash form, OpenSSL spacing. */
    static List<String> formatMistakes(String pattern) {
        List<String> reasons = new ArrayList<>();
        if (pattern.startsWith("/") && pattern.indexOf('=') > 0) {
            reasons.add("the pattern is in OpenSSL's slash form (/C=../O=../CN=..); the DN is matched in RFC 2253"
                    + " form: most specific RDN first, separated by commas, as printed by"
                    + " [openssl x509 -noout -subject -nameopt RFC2253]");
        }
        if (SPACE_AROUND_EQUALS.matcher(pattern).find()) {
            reasons.add("the pattern has spaces around '=', as OpenSSL's default one-line output does; the canonical"
                    + " DN has none");
        }
        if (SPACE_AFTER_COMMA.matcher(pattern).find()) {
            reasons.add("the pattern has spaces after commas; the canonical RFC 2253 DN has none");
        }
        return reasons;
    }

    /** Returns whether a {@code .} that is not escaped is between two letters or digits. */
    static boolean hasUnescapedDot(String pattern) {
        for (int i = 1; i + 1 < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '.'
                    && Character.isLetterOrDigit(pattern.charAt(i - 1))
                    && Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> mismatchReasons(String dn, String pattern) {
        List<String> reasons = new ArrayList<>();
        // A pasted OpenSSL subject is reversed and spaced; the order is the first thing to fix, then the spacing.
        if (isReversed(dn, unescape(pattern))) {
            reasons.add("the RDNs are in reverse order; the canonical DN lists the most specific RDN (CN) first");
        }
        reasons.addAll(formatMistakes(pattern));
        if (bounded(Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), dn, true)) {
            reasons.add("the pattern matches only if letter case is ignored; matching is case-sensitive and attribute"
                    + " keywords are upper case in the canonical DN; prefix the pattern with (?i) to ignore case");
        }
        if (bounded(Pattern.compile(pattern), dn, false)) {
            reasons.add("the pattern matches only part of the DN, but it must match the whole DN; list the other"
                    + " RDNs, and write [^,]* where one attribute value may vary (.* also matches commas, so it admits"
                    + " extra RDNs)");
        }
        if (dn.contains(EMAIL_OID + "=#") && EMAIL_KEYWORD.matcher(pattern).find()) {
            reasons.add("emailAddress has no RFC 2253 keyword, so the canonical DN writes it as " + EMAIL_OID
                    + "=#<hex of its DER encoding>, not as EMAILADDRESS= or E=");
        }
        if (OPENSSL_HEX_ESCAPE.matcher(pattern).find()) {
            reasons.add(
                    "the pattern contains OpenSSL-style byte escapes such as \\C3\\BC; the canonical DN contains the"
                            + " characters themselves, so write them as UTF-8 text");
        }
        String composed = Normalizer.normalize(pattern, Normalizer.Form.NFC);
        if (!composed.equals(pattern) && bounded(Pattern.compile(composed), dn, true)) {
            reasons.add("the pattern is in decomposed Unicode form (NFD); no normalization is applied, so write the"
                    + " composed form (NFC) that the certificate contains");
        }
        if (reasons.isEmpty()) {
            reasons.add("the DN differs from the pattern; compare it with the suggested pattern");
        }
        return reasons;
    }

    /** Runs a full match or a search under {@link #BUDGET}; running over counts as no match. */
    private static boolean bounded(Pattern pattern, String dn, boolean fullMatch) {
        DeadlineCharSequence input = new DeadlineCharSequence(dn, System.nanoTime() + BUDGET.toNanos());
        try {
            return fullMatch
                    ? pattern.matcher(input).matches()
                    : pattern.matcher(input).find();
        } catch (DeadlineCharSequence.DeadlineExceeded | StackOverflowError e) {
            return false;
        }
    }

    private static boolean isReversed(String dn, String literal) {
        String text = literal.startsWith("/") ? literal.substring(1) : literal;
        char separator = literal.startsWith("/") ? '/' : ',';
        List<String> rdns = new ArrayList<>();
        for (String rdn : DnText.splitUnescaped(text, separator)) {
            rdns.add(rdn.strip().replaceAll("\\s*=\\s*", "="));
        }
        if (rdns.size() < 2) {
            return false;
        }
        List<String> reversed = new ArrayList<>(rdns);
        Collections.reverse(reversed);
        return String.join(",", reversed).equals(dn) && !String.join(",", rdns).equals(dn);
    }

    /** Drops the regex escape before non-alphanumeric characters, so {@code node-1\.example} reads as text. */
    private static String unescape(String pattern) {
        StringBuilder text = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                text.append(pattern.charAt(++i));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
