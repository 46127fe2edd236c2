package org.certbound.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** SHA-256 fingerprints of certificates, as lowercase hex of the digest of the DER encoding. */
public final class CertificateFingerprint {
    private CertificateFingerprint() {}

    /**
     * Returns the lowercase hex SHA-256 digest of the certificate's DER encoding (64 characters, no separators). It
     * equals {@code openssl x509 -noout -fingerprint -sha256} output with the colons removed and lowercased.
     */
    public static String sha256Hex(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
        }
    }

    /** Returns the certificate's subject and fingerprint for messages: {@code [subject] (sha256=hex)}. */
    public static String describe(X509Certificate certificate) {
        return "[" + CanonicalDn.of(certificate) + "] (sha256=" + sha256Hex(certificate) + ")";
    }

    static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK provides no SHA-256, which every Java SE platform must", e);
        }
    }
}
