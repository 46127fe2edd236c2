package org.certbound.identity;

import java.util.Optional;

/** JWS signature algorithm (RFC 7518 section 3, RFC 8037 section 3.1) used to sign cross-cluster requests. */
public enum SignatureAlgorithm {
    /** RSASSA-PSS with SHA-256 and MGF1 with SHA-256; what certbound signs with for RSA keys. */
    PS256("PS256"),
    /** RSASSA-PKCS1-v1_5 with SHA-256; accepted from RSA keys for peers without PSS support. */
    RS256("RS256"),
    /** ECDSA on P-256 with SHA-256. */
    ES256("ES256"),
    /** ECDSA on P-384 with SHA-384. */
    ES384("ES384"),
    /** ECDSA on P-521 with SHA-512. */
    ES512("ES512"),
    /** EdDSA, here only with Ed25519. */
    EDDSA("EdDSA");

    private final String jwsName;

    SignatureAlgorithm(String jwsName) {
        this.jwsName = jwsName;
    }

    /** Returns the {@code alg} header value, for example {@code ES256}. */
    public String jwsName() {
        return jwsName;
    }

    /** Returns the algorithm whose {@code alg} header value is {@code jwsName}, matched exactly. */
    public static Optional<SignatureAlgorithm> forJwsName(String jwsName) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.jwsName.equals(jwsName)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
