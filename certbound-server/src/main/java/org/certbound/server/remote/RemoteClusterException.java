package org.certbound.server.remote;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster request to one alias failed: the remote could not be reached, the alias lacks
 * credentials, or the remote rejected the request. The message names the alias, the API key id when
 * known, and the reason; it never holds a secret.
 */
public final class RemoteClusterException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String alias;
    private final int status;
    private final String type;
    private final String reasonCode;

    /**
     * Creates the exception.
     *
     * @param alias the remote cluster alias
     * @param status the HTTP status to report: the remote's for a rejection, 503 when unreachable
     * @param type the Elasticsearch error type, for example {@code security_exception}
     * @param reasonCode the stable reason code, for example {@code identity_mismatch} or {@code unreachable}
     * @param message what failed, naming the alias
     * @param cause the underlying failure, or null
     */
    public RemoteClusterException(
            String alias, int status, String type, String reasonCode, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.alias = Objects.requireNonNull(alias, "alias");
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
    }

    /** Returns the remote cluster alias. */
    public String alias() {
        return alias;
    }

    /** Returns the HTTP status to report. */
    public int status() {
        return status;
    }

    /** Returns the Elasticsearch error type. */
    public String type() {
        return type;
    }

    /** Returns the stable reason code. */
    public String reasonCode() {
        return reasonCode;
    }
}
