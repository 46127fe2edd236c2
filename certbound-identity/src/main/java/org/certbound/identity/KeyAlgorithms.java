package org.certbound.identity;

import com.nimbusds.jose.jwk.Curve;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.util.EnumSet;
import java.util.Set;

/** Maps keys to the JWS algorithms that fit them, and rejects key types and sizes certbound does not sign with. */
final class KeyAlgorithms {
    static final int MIN_RSA_BITS = 2048;

    private KeyAlgorithms() {}

    /** The family of a key, as far as signing is concerned. */
    enum Family {
        RSA,
        EC,
        ED25519,
        UNSUPPORTED
    }

    static Family family(Key key) {
        if (key instanceof RSAKey && "RSA".equals(key.getAlgorithm())) {
            return Family.RSA;
        }
        if (key instanceof ECKey) {
            return Family.EC;
        }
        if (key instanceof EdECKey edKey) {
            return "Ed25519".equalsIgnoreCase(edKey.getParams().getName()) ? Family.ED25519 : Family.UNSUPPORTED;
        }
        return "Ed25519".equalsIgnoreCase(key.getAlgorithm()) ? Family.ED25519 : Family.UNSUPPORTED;
    }

    /** Returns the algorithm certbound signs with for this key, or describes why the key cannot sign. */
    static SignatureAlgorithm signingAlgorithm(Key key) throws UnsupportedKeyException {
        switch (family(key)) {
            case RSA:
                int bits = ((RSAKey) key).getModulus().bitLength();
                if (bits < MIN_RSA_BITS) {
                    throw new UnsupportedKeyException(
                            KeyMaterialException.Kind.WEAK_KEY,
                            "RSA key of " + bits + " bits is too small; use at least " + MIN_RSA_BITS + " bits");
                }
                return SignatureAlgorithm.PS256;
            case EC:
                return ecAlgorithm((ECKey) key);
            case ED25519:
                return SignatureAlgorithm.EDDSA;
            default:
                throw new UnsupportedKeyException(
                        KeyMaterialException.Kind.UNSUPPORTED_KEY_TYPE,
                        "key type [" + key.getAlgorithm() + "] is not supported; expected one of [RSA, EC, Ed25519]");
        }
    }

    /** Returns the algorithms a verifier accepts for a leaf certificate with this public key. */
    static Set<SignatureAlgorithm> acceptedAlgorithms(Key key) {
        try {
            SignatureAlgorithm algorithm = signingAlgorithm(key);
            return algorithm == SignatureAlgorithm.PS256
                    ? EnumSet.of(SignatureAlgorithm.PS256, SignatureAlgorithm.RS256)
                    : EnumSet.of(algorithm);
        } catch (UnsupportedKeyException e) {
            return EnumSet.noneOf(SignatureAlgorithm.class);
        }
    }

    /** Returns a short description such as {@code EC P-256} or {@code RSA 2048}. */
    static String describe(Key key) {
        switch (family(key)) {
            case RSA:
                return "RSA " + ((RSAKey) key).getModulus().bitLength();
            case EC:
                return "EC " + curveName((ECKey) key);
            case ED25519:
                return "Ed25519";
            default:
                return key.getAlgorithm();
        }
    }

    static String curveName(ECKey key) {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        return curve == null
                ? "unnamed curve of " + key.getParams().getCurve().getField().getFieldSize() + " bits"
                : curve.getName();
    }

    private static SignatureAlgorithm ecAlgorithm(ECKey key) throws UnsupportedKeyException {
        Curve curve = Curve.forECParameterSpec(key.getParams());
        if (Curve.P_256.equals(curve)) {
            return SignatureAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return SignatureAlgorithm.ES384;
        }
        if (Curve.P_521.equals(curve)) {
            return SignatureAlgorithm.ES512;
        }
        throw new UnsupportedKeyException(
                KeyMaterialException.Kind.UNSUPPORTED_CURVE,
                "EC curve [" + curveName(key) + "] is not supported; expected one of [P-256, P-384, P-521]");
    }

    /** Why a key cannot sign; carries the {@link KeyMaterialException.Kind} to report. */
    static final class UnsupportedKeyException extends Exception {
        private static final long serialVersionUID = 1L;
        private final KeyMaterialException.Kind kind;

        UnsupportedKeyException(KeyMaterialException.Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        KeyMaterialException.Kind kind() {
            return kind;
        }
    }
}
