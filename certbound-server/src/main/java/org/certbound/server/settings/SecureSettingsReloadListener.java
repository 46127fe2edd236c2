package org.certbound.server.settings;

/** A feature that reloads its secure settings on {@code POST /_nodes/reload_secure_settings}. */
public interface SecureSettingsReloadListener {

    /** Returns the feature name, used in logs and in the reload report. */
    String name();

    /**
     * Reloads from {@code newSettings}, the freshly decrypted keystore. A thrown exception is reported in the
     * node's {@code reload_exception}; the other listeners still run.
     */
    void reload(SecureSettings newSettings) throws Exception;
}
