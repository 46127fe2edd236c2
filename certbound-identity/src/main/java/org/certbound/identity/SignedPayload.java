package org.certbound.identity;

import java.nio.charset.StandardCharsets;

/**
 * The canonical payload bytes of format version 1: a JSON object with members in a fixed order, no whitespace and
 * no escapes. {@link RequestClaims} restricts every string to characters that need no JSON escaping.
 */
final class SignedPayload {
    static final int VERSION = 1;

    private SignedPayload() {}

    static byte[] encode(RequestClaims claims, long signingTime, String nonce) {
        String json = "{\"cbv\":" + VERSION
                + ",\"iat\":" + signingTime
                + ",\"nonce\":\"" + nonce
                + "\",\"act\":\"" + claims.action()
                + "\",\"aud\":\"" + claims.targetCluster()
                + "\",\"cred\":\"" + claims.credentialsDigest()
                + "\",\"sub\":\"" + claims.subjectInfoDigest()
                + "\",\"body\":\"" + claims.bodyDigest()
                + "\"}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }
}
