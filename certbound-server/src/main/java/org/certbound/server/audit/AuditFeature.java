package org.certbound.server.audit;

import java.util.List;
import java.util.function.Predicate;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsListener;
import org.jspecify.annotations.Nullable;

/**
 * Starts the audit log and publishes it as the node's {@link AuditTrail} service, switched on and off by
 * {@code xpack.security.audit.enabled}.
 */
public final class AuditFeature implements NodeFeature {

    private @Nullable JsonFileAuditTrail trail;

    @Override
    public List<Object> settings() {
        return AuditSettings.all();
    }

    @Override
    public void start(NodeContext context) {
        JsonFileAuditTrail started = JsonFileAuditTrail.inLogsDir(context.logsDir());
        started.setEnabled(AuditSettings.ENABLED.get(context.clusterSettings().effective()));
        context.clusterSettings().addListener(new SettingsListener() {
            @Override
            public Predicate<String> keys() {
                return AuditSettings.ENABLED.key()::equals;
            }

            @Override
            public void apply(Settings previous, Settings current) {
                started.setEnabled(AuditSettings.ENABLED.get(current));
            }
        });
        context.registerService(AuditTrail.class, started);
        this.trail = started;
    }

    @Override
    public void close() {
        JsonFileAuditTrail current = trail;
        if (current != null) {
            current.close();
        }
    }
}
