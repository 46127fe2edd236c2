package org.certbound.identity;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A certificate chain that passed PKIX validation against a set of {@link TrustAnchors}.
 *
 * <p>The leaf is the end entity of the validated path, the certificate whose key verifies signatures and whose DN is
 * the identity. The validity interval is the intersection of the path's certificates; the anchor's own dates are not
 * part of it, as in PKIX.
 */
public final class ValidatedChain {
    private final List<X509Certificate> path;
    private final X509Certificate trustAnchor;
    private final String canonicalDn;
    private final String fingerprint;
    private final Instant notBefore;
    private final Instant notAfter;
    private final PublicKey verificationKey;
    private final Set<SignatureAlgorithm> acceptedAlgorithms;

    ValidatedChain(List<X509Certificate> path, X509Certificate trustAnchor, PublicKey verificationKey) {
        this.path = List.copyOf(path);
        this.trustAnchor = trustAnchor;
        this.canonicalDn = CanonicalDn.of(path.get(0));
        this.fingerprint = CertificateFingerprint.sha256Hex(path.get(0));
        Instant latestStart = Instant.MIN;
        Instant earliestEnd = Instant.MAX;
        for (X509Certificate certificate : path) {
            Instant start = certificate.getNotBefore().toInstant();
            Instant end = certificate.getNotAfter().toInstant();
            latestStart = start.isAfter(latestStart) ? start : latestStart;
            earliestEnd = end.isBefore(earliestEnd) ? end : earliestEnd;
        }
        this.notBefore = latestStart;
        this.notAfter = earliestEnd;
        this.verificationKey = verificationKey;
        this.acceptedAlgorithms =
                Set.copyOf(KeyAlgorithms.acceptedAlgorithms(path.get(0).getPublicKey()));
    }

    /** Returns the end-entity certificate. */
    public X509Certificate leaf() {
        return path.get(0);
    }

    /** Returns the validated path, leaf first, without the trust anchor. */
    public List<X509Certificate> path() {
        return path;
    }

    /** Returns the trusted certificate the path leads to. */
    public X509Certificate trustAnchor() {
        return trustAnchor;
    }

    /** Returns the leaf's subject in canonical RFC 2253 form. */
    public String canonicalDn() {
        return canonicalDn;
    }

    /** Returns the leaf's SHA-256 fingerprint as lowercase hex. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Returns the latest notBefore in the path. */
    public Instant notBefore() {
        return notBefore;
    }

    /** Returns the earliest notAfter in the path. */
    public Instant notAfter() {
        return notAfter;
    }

    /** Returns the leaf's public key, converted for the provider that verifies its signatures. */
    PublicKey verificationKey() {
        return verificationKey;
    }

    Set<SignatureAlgorithm> acceptedAlgorithms() {
        return acceptedAlgorithms;
    }

    boolean isValidAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    @Override
    public String toString() {
        return "ValidatedChain[" + CertificateFingerprint.describe(leaf()) + ", " + path.size()
                + " certificates, anchor " + CertificateFingerprint.describe(trustAnchor) + "]";
    }
}
