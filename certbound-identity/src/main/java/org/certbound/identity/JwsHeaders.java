package org.certbound.identity;

/** Names of certbound's protected JWS header parameters (format version 1). */
final class JwsHeaders {
    /** Format version, an integer. */
    static final String VERSION = "cbv";
    /** Signing time in seconds since the epoch, an integer. */
    static final String SIGNING_TIME = "iat";
    /** Base64url of 16 random bytes. */
    static final String NONCE = "nonce";
    /** Copy of the signed action, checked before any cryptography. */
    static final String ACTION = "act";
    /** Copy of the signed target cluster, checked before any cryptography. */
    static final String TARGET_CLUSTER = "aud";

    private JwsHeaders() {}
}
