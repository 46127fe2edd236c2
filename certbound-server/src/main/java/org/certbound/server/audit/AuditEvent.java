package org.certbound.server.audit;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One audit record.
 *
 * <p>Security: no component may hold a secret. The type has no place for credentials, and the reason is an
 * operator-facing text that callers build from ids, DNs and fingerprints only.
 *
 * @param timestamp when the event happened
 * @param type what happened
 * @param origin where the request came in: {@code rest} or {@code remote_cluster}
 * @param requestId the request id shared with the caller's logs
 * @param action the action or REST path that was requested
 * @param originAddress the peer address, or null when unknown
 * @param userName the authenticated or claimed user, or null when unknown
 * @param apiKeyId the API key id, or null when no key was presented or it could not be parsed
 * @param reasonCode the stable snake_case reason of a failure or denial, or null on success
 * @param reason the operator-facing detail of a failure or denial, or null on success
 * @param index the index that access was granted or denied to, or null when the event is not about one index
 * @param certificate the signing certificate of a signed request, or null when the request was unsigned
 */
public record AuditEvent(
        Instant timestamp,
        AuditEventType type,
        String origin,
        String requestId,
        String action,
        @Nullable InetSocketAddress originAddress,
        @Nullable String userName,
        @Nullable String apiKeyId,
        @Nullable String reasonCode,
        @Nullable String reason,
        @Nullable String index,
        @Nullable AuditCertificate certificate) {

    /** Origin of requests received on the HTTP port. */
    public static final String ORIGIN_REST = "rest";

    /** Origin of requests received on the remote cluster port. */
    public static final String ORIGIN_REMOTE_CLUSTER = "remote_cluster";

    /** Checks the required components. */
    public AuditEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(action, "action");
    }

    /**
     * Starts an event of {@code type} for one request.
     *
     * @param type what happened
     * @param origin {@link #ORIGIN_REST} or {@link #ORIGIN_REMOTE_CLUSTER}
     * @param requestId the request id
     * @param action the action or REST path
     * @return a builder stamped with the current time
     */
    public static Builder builder(AuditEventType type, String origin, String requestId, String action) {
        return new Builder(type, origin, requestId, action);
    }

    /** Builds an {@link AuditEvent}; every optional component defaults to null. */
    public static final class Builder {
        private final AuditEventType type;
        private final String origin;
        private final String requestId;
        private final String action;
        private Instant timestamp = Instant.now();
        private @Nullable InetSocketAddress originAddress;
        private @Nullable String userName;
        private @Nullable String apiKeyId;
        private @Nullable String reasonCode;
        private @Nullable String reason;
        private @Nullable String index;
        private @Nullable AuditCertificate certificate;

        private Builder(AuditEventType type, String origin, String requestId, String action) {
            this.type = type;
            this.origin = origin;
            this.requestId = requestId;
            this.action = action;
        }

        /** Sets the time of the event, which defaults to when the builder was made. */
        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        /** Sets the peer address. */
        public Builder originAddress(@Nullable InetSocketAddress value) {
            this.originAddress = value;
            return this;
        }

        /** Sets the user name. */
        public Builder userName(@Nullable String value) {
            this.userName = value;
            return this;
        }

        /** Sets the API key id. */
        public Builder apiKeyId(@Nullable String value) {
            this.apiKeyId = value;
            return this;
        }

        /** Sets the reason code and the operator-facing reason of a failure or denial. */
        public Builder reason(@Nullable String code, @Nullable String detail) {
            this.reasonCode = code;
            this.reason = detail;
            return this;
        }

        /** Sets the index the event is about. */
        public Builder index(@Nullable String value) {
            this.index = value;
            return this;
        }

        /** Sets the signing certificate of a signed request. */
        public Builder certificate(@Nullable AuditCertificate value) {
            this.certificate = value;
            return this;
        }

        /** Returns the event. */
        public AuditEvent build() {
            return new AuditEvent(
                    timestamp,
                    type,
                    origin,
                    requestId,
                    action,
                    originAddress,
                    userName,
                    apiKeyId,
                    reasonCode,
                    reason,
                    index,
                    certificate);
        }
    }
}
