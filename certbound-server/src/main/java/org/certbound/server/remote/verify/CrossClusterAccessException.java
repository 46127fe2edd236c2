package org.certbound.server.remote.verify;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rejection of a cross-cluster request, with a stable reason code.
 *
 * <p>The exception carries two texts. {@link #getMessage()} is the peer-safe reason that goes back to the querying
 * cluster: it states what failed, names the API key id and, for an identity mismatch, the canonical DN that was tried.
 * {@link #operatorReason()} adds what only the operator of this cluster should see (the configured pattern, trusted
 * CA subjects, provider messages) and goes to the log and the audit trail. Neither text contains a secret.
 */
public final class CrossClusterAccessException extends Exception {

    private final String code;
    private final int status;
    private final String operatorReason;
    private final @Nullable String apiKeyId;

    /**
     * Creates a rejection.
     *
     * @param code the stable snake_case reason code, for example {@code identity_mismatch}
     * @param status the HTTP status to answer with: 401 for authentication, 403 for authorization, 503 when the
     *     security store is unavailable
     * @param peerReason the reason sent to the querying cluster
     * @param operatorReason the detailed reason for this cluster's log and audit trail
     * @param apiKeyId the API key id, or null when the credentials could not be parsed
     * @param cause the underlying failure, or null
     */
    public CrossClusterAccessException(
            String code,
            int status,
            String peerReason,
            String operatorReason,
            @Nullable String apiKeyId,
            @Nullable Throwable cause) {
        super(Objects.requireNonNull(peerReason, "peerReason"), cause);
        if (status != 401 && status != 403 && status != 503) {
            throw new IllegalArgumentException("status [" + status + "] must be 401, 403 or 503");
        }
        this.code = Objects.requireNonNull(code, "code");
        this.status = status;
        this.operatorReason = Objects.requireNonNull(operatorReason, "operatorReason");
        this.apiKeyId = apiKeyId;
    }

    /**
     * Creates an authentication failure (401) whose operator reason equals the peer reason.
     *
     * @param code the reason code
     * @param reason the reason, safe for the peer
     * @param apiKeyId the API key id, or null
     * @return the exception
     */
    public static CrossClusterAccessException unauthenticated(String code, String reason, @Nullable String apiKeyId) {
        return new CrossClusterAccessException(code, 401, reason, reason, apiKeyId, null);
    }

    /**
     * Creates an authorization failure (403) whose operator reason equals the peer reason.
     *
     * @param code the reason code
     * @param reason the reason, safe for the peer
     * @param apiKeyId the API key id
     * @return the exception
     */
    public static CrossClusterAccessException forbidden(String code, String reason, @Nullable String apiKeyId) {
        return new CrossClusterAccessException(code, 403, reason, reason, apiKeyId, null);
    }

    /** Returns the stable snake_case reason code. */
    public String code() {
        return code;
    }

    /** Returns the HTTP status: 401 for authentication, 403 for authorization, 503 for an unavailable store. */
    public int status() {
        return status;
    }

    /** Returns the reason sent to the querying cluster, the same text as {@link #getMessage()}. */
    public String peerReason() {
        return getMessage();
    }

    /** Returns the detailed reason for this cluster's log and audit trail. */
    public String operatorReason() {
        return operatorReason;
    }

    /** Returns the API key id, when the credentials could be parsed far enough to know it. */
    public @Nullable String apiKeyId() {
        return apiKeyId;
    }

    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }
}
