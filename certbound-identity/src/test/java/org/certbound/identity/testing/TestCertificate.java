package org.certbound.identity.testing;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.SigningIdentity;
import org.jspecify.annotations.Nullable;

/** A generated certificate with its key pair and the certificate that issued it. */
public final class TestCertificate {
    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final KeyType keyType;
    private final @Nullable TestCertificate issuer;

    TestCertificate(X509Certificate certificate, KeyPair keyPair, KeyType keyType, @Nullable TestCertificate issuer) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.keyType = keyType;
        this.issuer = issuer;
    }

    /** Returns a builder for a certificate that this one issues, of the same key type unless changed. */
    public TestCertificates.Builder issue(String dn) {
        return TestCertificates.builder(dn).issuer(this).keyType(keyType);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public KeyType keyType() {
        return keyType;
    }

    public @Nullable TestCertificate issuer() {
        return issuer;
    }

    /** Returns this certificate and its issuers, leaf first, without the self-signed root. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = new ArrayList<>();
        for (TestCertificate current = this; current != null; current = current.issuer) {
            if (current.issuer != null || current == this) {
                chain.add(current.certificate);
            }
        }
        return chain;
    }

    /** Returns this certificate and all its issuers, leaf first, including the root. */
    public List<X509Certificate> chainWithRoot() {
        List<X509Certificate> chain = new ArrayList<>();
        for (TestCertificate current = this; current != null; current = current.issuer) {
            chain.add(current.certificate);
        }
        return chain;
    }

    /** Returns a signing identity of this certificate's key and {@link #chain()}. */
    public SigningIdentity signingIdentity() throws KeyMaterialException {
        return SigningIdentity.create(
                keyPair.getPrivate(), chain(), "test certificate " + certificate.getSubjectX500Principal());
    }
}
