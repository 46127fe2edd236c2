package org.certbound.cli.certutil;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/** Checks that a private key belongs to a certificate by signing a test message and verifying it. */
final class PublicKeys {

    private static final byte[] PROBE = "certbound key match probe".getBytes(StandardCharsets.US_ASCII);

    private PublicKeys() {}

    static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = CertificateMaker.signatureAlgorithm(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
