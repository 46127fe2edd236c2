package org.certbound.identity.testing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key types the fixtures generate, with the certificate signature algorithm each one issues with. */
public enum KeyType {
    RSA_2048("RSA", 2048, null, "SHA256withRSA"),
    RSA_3072("RSA", 3072, null, "SHA256withRSA"),
    EC_P256("EC", 0, "secp256r1", "SHA256withECDSA"),
    EC_P384("EC", 0, "secp384r1", "SHA384withECDSA"),
    EC_P521("EC", 0, "secp521r1", "SHA512withECDSA"),
    ED25519("Ed25519", 0, null, "Ed25519");

    private final String algorithm;
    private final int bits;
    private final String curve;
    private final String signatureAlgorithm;

    KeyType(String algorithm, int bits, String curve, String signatureAlgorithm) {
        this.algorithm = algorithm;
        this.bits = bits;
        this.curve = curve;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** Generates a fresh key pair with the JDK's providers. */
    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (bits > 0) {
                generator.initialize(bits);
            } else if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }

    /** Returns the JCA signature algorithm a CA with this key type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Returns the JWS algorithm certbound signs requests with for this key type. */
    public String jwsAlgorithm() {
        switch (this) {
            case RSA_2048:
            case RSA_3072:
                return "PS256";
            case EC_P256:
                return "ES256";
            case EC_P384:
                return "ES384";
            case EC_P521:
                return "ES512";
            default:
                return "EdDSA";
        }
    }
}
