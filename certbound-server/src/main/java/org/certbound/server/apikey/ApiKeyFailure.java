package org.certbound.server.apikey;

import java.util.Arrays;
import java.util.Optional;
import org.certbound.server.common.ApiException;

/**
 * The reasons an API key authentication fails, each with a stable code that the error carries as its
 * {@code reason_code} metadata key, so that callers such as the remote cluster port and the audit log never parse
 * message text.
 */
public enum ApiKeyFailure {
    /** The credentials are not {@code base64(id:secret)}, or the secret has the wrong length. */
    MALFORMED_CREDENTIALS("invalid_credentials"),
    /** No key has this id, or the secret does not match; the two are not distinguished, so ids cannot be probed. */
    INVALID_CREDENTIALS("invalid_credentials"),
    /** The key was invalidated. */
    INVALIDATED("key_invalidated"),
    /** The key is of the other type: a REST key on the remote cluster port, or a cross-cluster key on HTTP. */
    WRONG_TYPE("not_a_cross_cluster_key"),
    /** The key's expiration time has passed. */
    EXPIRED("key_expired");

    /** The metadata key under which an {@link ApiException} carries the code. */
    public static final String METADATA_KEY = "reason_code";

    private final String code;

    ApiKeyFailure(String code) {
        this.code = code;
    }

    /** Returns the stable snake_case code, as the troubleshooting guide and the audit log name it. */
    public String code() {
        return code;
    }

    /** Creates the 401 error for this failure. */
    ApiException toException(String reason) {
        return ApiException.unauthorized(reason).withMetadata(METADATA_KEY, code);
    }

    /** Returns the failure an error of the API key service carries, or empty for any other error. */
    public static Optional<ApiKeyFailure> of(ApiException error) {
        Object code = error.metadata().get(METADATA_KEY);
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
