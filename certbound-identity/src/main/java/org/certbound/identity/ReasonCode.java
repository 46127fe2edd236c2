package org.certbound.identity;

import java.util.Locale;

/**
 * Reason why a signed request or a certificate identity was rejected.
 *
 * <p>Each constant has a stable snake_case {@link #code()} for the wire, audit events and documentation. Codes are
 * never renamed or reused; new ones may be added.
 */
public enum ReasonCode {
    /** The request carries no signature header, but one is required. */
    MISSING_SIGNATURE("the request is not signed"),
    /** The signature header is not a well-formed JWS of the documented format. */
    MALFORMED_SIGNATURE("the signature header is malformed"),
    /** The signature format version in the header is not one this verifier implements. */
    UNSUPPORTED_VERSION("the signature format version is not supported"),
    /** The JWS algorithm is not one of PS256, RS256, ES256, ES384, ES512 or EdDSA. */
    UNSUPPORTED_ALGORITHM("the signature algorithm is not supported"),
    /** The JWS algorithm does not fit the type, size or curve of the leaf certificate's key. */
    ALGORITHM_KEY_MISMATCH("the signature algorithm does not fit the certificate's key"),
    /** No trust anchors are configured, so no chain can be trusted. */
    NO_TRUST_CONFIGURED("no trusted certificate authorities are configured"),
    /** The chain does not lead to a configured trust anchor, or path validation failed. */
    UNTRUSTED_CHAIN("the certificate chain is not trusted"),
    /** A certificate in the chain is past its notAfter date. */
    CERTIFICATE_EXPIRED("a certificate in the chain has expired"),
    /** A certificate in the chain is before its notBefore date. */
    CERTIFICATE_NOT_YET_VALID("a certificate in the chain is not yet valid"),
    /** A certificate is signed with MD5 or SHA-1, or the leaf key is too small. */
    WEAK_ALGORITHM("a certificate or key uses a weak algorithm"),
    /** The leaf certificate's key usage does not permit digital signatures. */
    KEY_USAGE_NOT_PERMITTED("the certificate's key usage does not permit signing"),
    /** The signature does not verify over the request with the leaf certificate's key. */
    BAD_SIGNATURE("the signature is invalid"),
    /**
     * The signing time lies outside the freshness window around the verifier's clock, before the verifier started,
     * or at or before the floor of a full nonce cache: in each case the replay check cannot vouch for it.
     */
    STALE_SIGNATURE("the signing time cannot be accepted"),
    /** The nonce was already seen inside the freshness window. */
    REPLAYED_NONCE("the signature was already used"),
    /** The action or target cluster named in the signature differs from the request. */
    REQUEST_MISMATCH("the signature was made for another request"),
    /** The leaf certificate's canonical DN does not match the certificate identity pattern. */
    IDENTITY_MISMATCH("the certificate does not match the required identity"),
    /** Matching the certificate identity pattern ran over its time budget. */
    PATTERN_TIMEOUT("matching the certificate identity timed out");

    private final String code;
    private final String description;

    ReasonCode(String description) {
        this.code = name().toLowerCase(Locale.ROOT);
        this.description = description;
    }

    /** Returns the stable snake_case code, for example {@code bad_signature}. */
    public String code() {
        return code;
    }

    /** Returns a short generic sentence that is safe to send to the peer. */
    public String description() {
        return description;
    }
}
