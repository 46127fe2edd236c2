package org.certbound.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link RequestSigner} that builds the JWS with nimbus-jose-jwt and signs with the providers of {@link JwsCrypto}. */
final class JwsRequestSigner implements RequestSigner {
    static final JOSEObjectType TYPE = new JOSEObjectType("certbound-request+jws");
    static final int NONCE_BYTES = 16;

    private final SigningIdentity identity;
    private final Clock clock;
    private final SecureRandom random;
    private final JWSAlgorithm algorithm;
    private final List<Base64> x5c;
    private final PrivateKey signingKey;

    JwsRequestSigner(SigningIdentity identity, Clock clock, SecureRandom random) {
        this.identity = identity;
        try {
            this.signingKey = JwsCrypto.signingKey(identity.algorithm(), identity.privateKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signing key of " + identity + " cannot be prepared for signing", e);
        }
        this.clock = clock;
        this.random = random;
        this.algorithm = JWSAlgorithm.parse(identity.algorithm().jwsName());
        this.x5c = encodeChain(identity.chain());
    }

    @Override
    public String sign(RequestClaims claims) {
        long signingTime = clock.instant().getEpochSecond();
        String nonce = newNonce();
        JWSHeader header = new JWSHeader.Builder(algorithm)
                .type(TYPE)
                .x509CertChain(x5c)
                .customParam(JwsHeaders.VERSION, SignedPayload.VERSION)
                .customParam(JwsHeaders.SIGNING_TIME, signingTime)
                .customParam(JwsHeaders.NONCE, nonce)
                .customParam(JwsHeaders.ACTION, claims.action())
                .customParam(JwsHeaders.TARGET_CLUSTER, claims.targetCluster())
                .build();
        JWSObject jws = new JWSObject(header, new Payload(SignedPayload.encode(claims, signingTime, nonce)));
        try {
            jws.sign(new JcaSigner());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a request with " + identity + " failed", e);
        }
        return jws.serialize(true);
    }

    @Override
    public SigningIdentity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "JwsRequestSigner[" + identity + "]";
    }

    private String newNonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64URL.encode(bytes).toString();
    }

    private static List<Base64> encodeChain(List<X509Certificate> chain) {
        List<Base64> encoded = new ArrayList<>(chain.size());
        for (X509Certificate certificate : chain) {
            try {
                encoded.add(Base64.encode(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
            }
        }
        return List.copyOf(encoded);
    }

    /** Adapts {@link JwsCrypto#sign} to nimbus's signer interface. */
    private final class JcaSigner implements JWSSigner {
        private final JCAContext context = new JCAContext();

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            try {
                return Base64URL.encode(JwsCrypto.sign(identity.algorithm(), signingKey, signingInput));
            } catch (GeneralSecurityException e) {
                throw new JOSEException("the signature provider failed to sign", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(algorithm);
        }

        @Override
        public JCAContext getJCAContext() {
            return context;
        }
    }
}
