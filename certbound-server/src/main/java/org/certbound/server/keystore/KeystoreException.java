package org.certbound.server.keystore;

/** The keystore cannot be read or written: missing, corrupt, or the password is wrong. */
public final class KeystoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean wrongPassword;

    /** Creates the exception. */
    public KeystoreException(String message, Throwable cause) {
        this(message, cause, false);
    }

    KeystoreException(String message, Throwable cause, boolean wrongPassword) {
        super(message, cause);
        this.wrongPassword = wrongPassword;
    }

    /** Returns whether decryption failed, which almost always means the password is wrong. */
    public boolean wrongPassword() {
        return wrongPassword;
    }
}
