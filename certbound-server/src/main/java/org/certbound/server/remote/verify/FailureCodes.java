package org.certbound.server.remote.verify;

/**
 * The reason codes that the authenticator itself raises. Failures of the signature, chain or identity check carry
 * the identity library's code instead, for example {@code untrusted_chain} or {@code identity_mismatch}.
 */
public final class FailureCodes {

    /** The credentials header is absent. */
    public static final String MISSING_CREDENTIALS = "missing_credentials";

    /** The credentials are malformed, name an unknown key, or carry a wrong secret. */
    public static final String INVALID_CREDENTIALS = "invalid_credentials";

    /** The key is a REST API key, not a cross-cluster one. */
    public static final String NOT_A_CROSS_CLUSTER_KEY = "not_a_cross_cluster_key";

    /** The key was invalidated. */
    public static final String KEY_INVALIDATED = "key_invalidated";

    /** The key expired. */
    public static final String KEY_EXPIRED = "key_expired";

    /** The key has a certificate identity but the request is unsigned. */
    public static final String MISSING_SIGNATURE = "missing_signature";

    /** The request is signed, or the key needs a signature, and this cluster has no signing trust configured. */
    public static final String NO_TRUST_CONFIGURED = "no_trust_configured";

    /** The leaf DN does not match the key's certificate identity. */
    public static final String IDENTITY_MISMATCH = "identity_mismatch";

    /** Matching the leaf DN against the pattern ran past its time budget. */
    public static final String PATTERN_TIMEOUT = "pattern_timeout";

    /** The subject info header is absent or cannot be decoded. */
    public static final String INVALID_SUBJECT_INFO = "invalid_subject_info";

    /** The action is not on the remote cluster server's allowlist. */
    public static final String ACTION_NOT_ALLOWED = "action_not_allowed";

    /** The key or the querying user lacks the privilege to run the action on the index. */
    public static final String UNAUTHORIZED_INDEX = "unauthorized_index";

    /** The key could not be checked because the security store failed; answered with 503. */
    public static final String AUTHENTICATION_UNAVAILABLE = "authentication_unavailable";

    private FailureCodes() {}
}
