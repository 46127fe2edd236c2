package org.certbound.server.remote.transport;

import java.io.IOException;

/**
 * A failure to reach a remote cluster: connection refused, TLS handshake failed, timed out, or an
 * endpoint that is not a remote cluster server port. The message names the address and the fix.
 */
public final class RemoteTransportException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String address;

    /**
     * Creates the exception.
     *
     * @param address the {@code host:port} that failed
     * @param message what failed and what to check, naming the address
     * @param cause the underlying failure, or null
     */
    public RemoteTransportException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** Returns the {@code host:port} that failed. */
    public String address() {
        return address;
    }
}
