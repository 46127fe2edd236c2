package org.certbound.server.audit;

/** The kind of an audit event, written as {@code event.action}. */
public enum AuditEventType {
    /** The caller's credentials, and signature where present, were verified. */
    AUTHENTICATION_SUCCESS("authentication_success"),
    /** The caller could not be authenticated; {@code reason_code} names the reason. */
    AUTHENTICATION_FAILED("authentication_failed"),
    /** An authenticated caller was allowed to run the action. */
    ACCESS_GRANTED("access_granted"),
    /** An authenticated caller was not allowed to run the action. */
    ACCESS_DENIED("access_denied");

    private final String action;

    AuditEventType(String action) {
        this.action = action;
    }

    /** Returns the snake_case name written to the audit log. */
    public String action() {
        return action;
    }
}
