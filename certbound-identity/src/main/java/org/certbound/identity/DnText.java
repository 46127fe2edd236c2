package org.certbound.identity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Text-level helpers for DN strings in the formats operators copy from tools. */
final class DnText {
    private DnText() {}

    /** Converts OpenSSL's slash form, least specific RDN first, to RFC 2253 order and syntax. */
    static String slashToRfc2253(String slashDn) {
        List<String> rdns = splitUnescaped(slashDn.substring(1), '/');
        Collections.reverse(rdns);
        List<String> escaped = new ArrayList<>(rdns.size());
        for (String rdn : rdns) {
            int equals = rdn.indexOf('=');
            if (equals < 0) {
                escaped.add(rdn);
            } else {
                escaped.add(rdn.substring(0, equals).strip() + "=" + escapeValue(rdn.substring(equals + 1)));
            }
        }
        return String.join(",", escaped);
    }

    /** Splits on {@code separator} where it is not preceded by a backslash; the backslash escapes are kept. */
    static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String escapeValue(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (",+\"<>;".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
