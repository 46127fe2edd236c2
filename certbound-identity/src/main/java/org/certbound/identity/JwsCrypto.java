package org.certbound.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Signature primitives for the JWS algorithms, with the provider choice in one place.
 *
 * <p><b>Security:</b> signing always uses the JDK's providers (SunRsaSign, SunEC), whose ECDSA and EdDSA code since
 * JDK 16 and 15 uses field arithmetic written to run in constant time. Verification handles only public data, so it
 * uses the fastest provider measured: BouncyCastle for ECDSA and EdDSA, the JDK for RSA. The BouncyCastle provider is
 * used as an instance and never installed into {@link java.security.Security}.
 */
final class JwsCrypto {
    private static final PSSParameterSpec PS256_PARAMETERS =
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

    private JwsCrypto() {}

    /** Signs {@code input} and returns the JWS signature bytes (R || S for ECDSA, RFC 7518 section 3.4). */
    static byte[] sign(SignatureAlgorithm algorithm, PrivateKey key, byte[] input) throws GeneralSecurityException {
        Signature signature = newSignature(algorithm, signingProvider(algorithm));
        signature.initSign(key);
        signature.update(input);
        byte[] raw = signature.sign();
        return isEcdsa(algorithm) ? toConcat(algorithm, raw) : raw;
    }

    /**
     * Verifies a JWS signature. Returns normally only if the signature is valid.
     *
     * @throws GeneralSecurityException if the signature is malformed or does not verify
     */
    static void verify(SignatureAlgorithm algorithm, PublicKey key, byte[] input, byte[] jwsSignature)
            throws GeneralSecurityException {
        byte[] encoded = jwsSignature;
        if (isEcdsa(algorithm)) {
            encoded = toDer(algorithm, jwsSignature);
        } else if (algorithm == SignatureAlgorithm.EDDSA && jwsSignature.length != 64) {
            throw new java.security.SignatureException("Ed25519 signature must be 64 bytes");
        }
        Signature signature = newSignature(algorithm, verificationProvider(algorithm));
        signature.initVerify(key);
        signature.update(input);
        if (!signature.verify(encoded)) {
            throw new java.security.SignatureException("signature does not verify");
        }
    }

    /**
     * Returns the provider {@link #sign} uses for {@code algorithm}, or null for the JDK's default. Ed25519 signs with
     * BouncyCastle, whose RFC 8032 code is about ten times faster than the JDK 17 one and reads its precomputed table
     * of base-point multiples by scanning every entry and selecting with a mask, so the memory access pattern does not
     * depend on the key. RSA and ECDSA sign with the JDK.
     */
    static Provider signingProvider(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.EDDSA ? BouncyCastleHolder.PROVIDER : null;
    }

    /**
     * Returns {@code key} in the class that {@link #signingProvider} expects, converting it once so that a request
     * does not pay for the conversion.
     *
     * @throws GeneralSecurityException if the provider cannot read the key
     */
    static PrivateKey signingKey(SignatureAlgorithm algorithm, PrivateKey key) throws GeneralSecurityException {
        Provider provider = signingProvider(algorithm);
        if (provider == null) {
            return key;
        }
        byte[] encoded = key.getEncoded();
        try {
            return KeyFactory.getInstance("Ed25519", provider).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** Returns the provider {@link #verify} uses for {@code algorithm}, or null for the JDK's default. */
    static Provider verificationProvider(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.PS256 || algorithm == SignatureAlgorithm.RS256
                ? null
                : BouncyCastleHolder.PROVIDER;
    }

    private static Signature newSignature(SignatureAlgorithm algorithm, Provider provider)
            throws GeneralSecurityException {
        String name = jcaName(algorithm);
        Signature signature = provider == null ? Signature.getInstance(name) : Signature.getInstance(name, provider);
        if (algorithm == SignatureAlgorithm.PS256) {
            signature.setParameter(PS256_PARAMETERS);
        }
        return signature;
    }

    private static String jcaName(SignatureAlgorithm algorithm) {
        switch (algorithm) {
            case PS256:
                return "RSASSA-PSS";
            case RS256:
                return "SHA256withRSA";
            case ES256:
                return "SHA256withECDSA";
            case ES384:
                return "SHA384withECDSA";
            case ES512:
                return "SHA512withECDSA";
            case EDDSA:
                return "Ed25519";
            default:
                throw new IllegalArgumentException("no JCA name for [" + algorithm + "]");
        }
    }

    private static boolean isEcdsa(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ES256
                || algorithm == SignatureAlgorithm.ES384
                || algorithm == SignatureAlgorithm.ES512;
    }

    private static byte[] toConcat(SignatureAlgorithm algorithm, byte[] der) throws GeneralSecurityException {
        try {
            return ECDSA.transcodeSignatureToConcat(der, ECDSA.getSignatureByteArrayLength(nimbus(algorithm)));
        } catch (JOSEException e) {
            throw new java.security.SignatureException("cannot transcode the ECDSA signature", e);
        }
    }

    private static byte[] toDer(SignatureAlgorithm algorithm, byte[] concat) throws GeneralSecurityException {
        try {
            // Rejects wrong lengths and r or s equal to zero or not below the group order before the provider runs.
            ECDSA.ensureLegalSignature(concat, nimbus(algorithm));
            return ECDSA.transcodeSignatureToDER(concat);
        } catch (JOSEException e) {
            throw new java.security.SignatureException("malformed ECDSA signature", e);
        }
    }

    private static JWSAlgorithm nimbus(SignatureAlgorithm algorithm) {
        return JWSAlgorithm.parse(algorithm.jwsName());
    }

    /** Creates the BouncyCastle provider on first use; construction takes tens of milliseconds. */
    private static final class BouncyCastleHolder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
