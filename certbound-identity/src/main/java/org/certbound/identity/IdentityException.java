package org.certbound.identity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Rejection of a signed request or a certificate identity.
 *
 * <p>The message is meant for the operator of the verifying node: it names the certificate (subject and SHA-256
 * fingerprint) and what to change. It never contains key material or credentials. Across the network, send only
 * {@link ReasonCode#code()} and {@link ReasonCode#description()}.
 */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;

    /** Creates an exception for {@code reason} with an operator-facing message. */
    public IdentityException(ReasonCode reason, String message) {
        this(reason, message, null);
    }

    /** Creates an exception for {@code reason} with an operator-facing message and the underlying cause. */
    public IdentityException(ReasonCode reason, String message, @Nullable Throwable cause) {
        super(reason.code() + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Returns why the request was rejected. */
    public ReasonCode reason() {
        return reason;
    }
}
