package org.certbound.server.store;

/** A failure of the state store itself, such as a broken database file or a lost connection. */
public final class StateStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message and the underlying failure. */
    public StateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
