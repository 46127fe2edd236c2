package org.certbound.server.audit;

import static org.certbound.server.settings.Property.DYNAMIC;

import java.util.List;
import org.certbound.server.settings.Setting;

/** Settings of the security audit log. */
public final class AuditSettings {

    /** Whether security events are written to {@code <logs>/certbound_audit.json}. */
    public static final Setting<Boolean> ENABLED = Setting.boolSetting(
            "xpack.security.audit.enabled",
            false,
            "Whether authentication and authorization events are written to certbound_audit.json in the logs"
                    + " directory, one JSON object a line",
            DYNAMIC);

    private AuditSettings() {}

    /** Returns every declaration, for the node's settings registry. */
    public static List<Object> all() {
        return List.of(ENABLED);
    }
}
