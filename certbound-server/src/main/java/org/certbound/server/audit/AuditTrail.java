package org.certbound.server.audit;

/**
 * Receives the audit events of authentication and authorization, from the REST layer and from the remote cluster
 * server.
 *
 * <p>Implementations are thread-safe and never throw: a failure to write is logged and the request goes on.
 */
public interface AuditTrail {

    /**
     * Records one event, or drops it when auditing is disabled.
     *
     * @param event the event
     */
    void record(AuditEvent event);

    /** Returns a trail that drops every event. */
    static AuditTrail noop() {
        return event -> {};
    }
}
