package org.certbound.identity;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The identity of the signer of a verified request: the end entity of the validated path. */
public final class VerifiedIdentity {
    private final ValidatedChain chain;
    private final SignatureAlgorithm algorithm;
    private final Instant signingTime;

    VerifiedIdentity(ValidatedChain chain, SignatureAlgorithm algorithm, Instant signingTime) {
        this.chain = chain;
        this.algorithm = algorithm;
        this.signingTime = signingTime;
    }

    /** Returns the leaf certificate whose key verified the signature. */
    public X509Certificate leaf() {
        return chain.leaf();
    }

    /** Returns the validated path, leaf first, without the trust anchor. */
    public List<X509Certificate> path() {
        return chain.path();
    }

    /** Returns the leaf's subject in canonical RFC 2253 form, the string identity patterns match. */
    public String canonicalDn() {
        return chain.canonicalDn();
    }

    /** Returns the leaf's SHA-256 fingerprint as lowercase hex. */
    public String fingerprint() {
        return chain.fingerprint();
    }

    /** Returns the algorithm of the verified signature. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** Returns the signing time the signer claimed, checked against the freshness window. */
    public Instant signingTime() {
        return signingTime;
    }

    @Override
    public String toString() {
        return "VerifiedIdentity[[" + canonicalDn() + "] (sha256=" + fingerprint() + "), " + algorithm.jwsName()
                + ", signed at " + signingTime + "]";
    }
}
