package org.certbound.server.settings;

/** Properties of a {@link Setting} declaration. */
public enum Property {
    /** The value may change at runtime through {@code PUT /_cluster/settings}. */
    DYNAMIC,
    /** The value comes only from the keystore, never from {@code certbound.yml} or the API. */
    SECURE,
    /** The value is never shown in output or error messages. */
    FILTERED,
    /** A secure setting that {@code POST /_nodes/reload_secure_settings} reloads without a restart. */
    RELOADABLE,
    /** The setting still works but will be removed; using it logs a warning. */
    DEPRECATED
}
