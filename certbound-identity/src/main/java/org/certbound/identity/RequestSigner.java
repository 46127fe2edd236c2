package org.certbound.identity;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Signs cross-cluster requests as a JWS with detached payload, in the format of {@code docs/wire-format.md}.
 *
 * <p>Each call draws a fresh nonce and reads the clock, so two signatures of the same claims differ. Implementations
 * are thread-safe.
 */
public interface RequestSigner {
    /**
     * Signs the claims and returns the signature header value: a JWS in compact serialization with an empty payload
     * part ({@code header..signature}).
     *
     * @throws IllegalStateException if the signing identity is closed or the JDK fails to sign
     */
    String sign(RequestClaims claims);

    /** Returns the identity this signer signs with. */
    SigningIdentity identity();

    /** Returns a signer for {@code identity} that takes signing times from {@code clock}. */
    static RequestSigner create(SigningIdentity identity, Clock clock) {
        return new JwsRequestSigner(identity, clock, new SecureRandom());
    }
}
