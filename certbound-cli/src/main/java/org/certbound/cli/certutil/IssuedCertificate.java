package org.certbound.cli.certutil;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key with its certificate chain, leaf first.
 *
 * <p>{@link #toString()} names the leaf's subject only, never the key.
 */
public final class IssuedCertificate {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    /**
     * Creates a key and chain pair.
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public IssuedCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        this.chain = List.copyOf(chain);
    }

    /** Returns the private key of the leaf certificate. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Returns the leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** Returns the chain, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * Returns the chain to ship with a certificate this one issues: this certificate and its issuers, leaving out a
     * self-signed root, which the verifying side has as a trust anchor.
     */
    public List<X509Certificate> issuingChain() {
        X509Certificate last = chain.get(chain.size() - 1);
        boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
        return selfSigned ? chain.subList(0, chain.size() - 1) : chain;
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + leaf().getSubjectX500Principal().getName() + "]";
    }
}
