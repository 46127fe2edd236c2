package org.certbound.cli.identity;

import java.io.PrintWriter;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.certbound.identity.CanonicalDn;
import org.certbound.identity.CertificateFingerprint;

/** Renders a certificate as the lines {@code identity show} prints. */
final class CertificateDescriber {

    private static final String FORMAT = "  %-16s %s%n";

    private CertificateDescriber() {}

    /** Prints one certificate of a chain: its role, canonical DN, names, validity, key and fingerprint. */
    static void describe(PrintWriter out, X509Certificate certificate, int index, int count, Instant now) {
        out.printf(Locale.ROOT, "Certificate %d of %d: %s%n", index + 1, count, role(certificate, index));
        String dn = CanonicalDn.of(certificate);
        out.printf(Locale.ROOT, FORMAT, "canonical DN:", dn);
        out.printf(Locale.ROOT, FORMAT, "issuer:", CanonicalDn.issuerOf(certificate));
        out.printf(Locale.ROOT, FORMAT, "SANs:", subjectAlternativeNames(certificate));
        out.printf(
                Locale.ROOT, FORMAT, "not before:", certificate.getNotBefore().toInstant());
        out.printf(Locale.ROOT, FORMAT, "not after:", certificate.getNotAfter().toInstant());
        out.printf(Locale.ROOT, FORMAT, "status:", validityStatus(certificate, now));
        out.printf(Locale.ROOT, FORMAT, "key:", keyDescription(certificate.getPublicKey()));
        out.printf(Locale.ROOT, FORMAT, "signed with:", certificate.getSigAlgName());
        out.printf(Locale.ROOT, FORMAT, "CA:", certificate.getBasicConstraints() >= 0 ? "yes" : "no");
        out.printf(Locale.ROOT, FORMAT, "serial:", certificate.getSerialNumber().toString(16));
        out.printf(Locale.ROOT, FORMAT, "SHA-256:", CertificateFingerprint.sha256Hex(certificate));
        if (index == 0) {
            String pattern = CanonicalDn.escapeAsPattern(dn);
            out.printf(Locale.ROOT, FORMAT, "exact pattern:", pattern);
            out.printf(Locale.ROOT, FORMAT, "as JSON string:", JsonText.quote(pattern));
        }
    }

    /** Returns {@code RSA 2048}, {@code EC P-256}, {@code Ed25519} and so on. */
    static String keyDescription(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256 -> "EC P-256";
                case 384 -> "EC P-384";
                case 521 -> "EC P-521";
                default -> "EC " + bits + "-bit curve (not P-256, P-384 or P-521)";
            };
        }
        return key.getAlgorithm();
    }

    private static String role(X509Certificate certificate, int index) {
        if (index == 0) {
            return "leaf (certificate_identity is matched against its canonical DN)";
        }
        boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
        return selfSigned ? "root CA (self-signed)" : "intermediate CA";
    }

    private static String validityStatus(X509Certificate certificate, Instant now) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            return "NOT YET VALID (starts in " + humanDuration(Duration.between(now, notBefore)) + ")";
        }
        if (now.isAfter(notAfter)) {
            return "EXPIRED (" + humanDuration(Duration.between(notAfter, now)) + " ago)";
        }
        return "valid (expires in " + humanDuration(Duration.between(now, notAfter)) + ")";
    }

    private static String humanDuration(Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        if (hours >= 1) {
            return hours + (hours == 1 ? " hour" : " hours");
        }
        return Math.max(duration.toMinutes(), 0) + " minutes";
    }

    private static String subjectAlternativeNames(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        if (names == null) {
            return "(none)";
        }
        List<String> rendered = new ArrayList<>();
        for (List<?> name : names) {
            rendered.add(generalNameLabel((Integer) name.get(0)) + ":" + name.get(1));
        }
        return String.join(", ", rendered);
    }

    private static String generalNameLabel(int tag) {
        return switch (tag) {
            case 1 -> "email";
            case 2 -> "DNS";
            case 4 -> "DirName";
            case 6 -> "URI";
            case 7 -> "IP";
            case 8 -> "RID";
            default -> "other(" + tag + ")";
        };
    }
}
