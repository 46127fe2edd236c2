package org.certbound.server.settings;

/**
 * An invalid or unknown setting. The message names the key, the value unless the setting is secure or
 * filtered, what is expected and, for an unknown key, the closest known key.
 */
public final class SettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /** Creates an exception about {@code key} with a complete message. */
    public SettingsException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** Creates an exception about {@code key} with a complete message and the parse failure behind it. */
    public SettingsException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** Returns the setting key the error is about. */
    public String key() {
        return key;
    }
}
