package org.certbound.server.remote.wire;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster request as the fulfilling cluster received it, with the raw header values.
 *
 * <p>Nothing in it is verified yet: the {@code CrossClusterAuthenticator} checks the credentials, the
 * signature and the subject info. The body is copied on the way in and out, so the record is immutable.
 *
 * <p>Security: {@link #toString()} prints neither the credentials, which carry the API key secret, nor
 * the body. The subject info and the signature appear by length only.
 *
 * @param requestId the querying cluster's request id, or a generated one when the header was absent
 * @param action the action name from the request path, for example {@code indices:data/read/search}
 * @param targetCluster the name of this (fulfilling) cluster, which the signature must be bound to
 * @param credentials the raw {@code x-certbound-cross-cluster-credentials} value, {@code ApiKey <encoded>}
 * @param subjectInfo the raw Base64 {@code x-certbound-cross-cluster-subject-info} value
 * @param signature the raw {@code x-certbound-cross-cluster-signature} value (a detached-payload JWS)
 * @param body the request body exactly as received; the signature binds its SHA-256 digest
 * @param remoteAddress the TCP peer of the connection
 */
public record CrossClusterRequest(
        String requestId,
        String action,
        String targetCluster,
        @Nullable String credentials,
        @Nullable String subjectInfo,
        @Nullable String signature,
        byte[] body,
        InetSocketAddress remoteAddress) {

    /** Checks the required components and copies the body. */
    public CrossClusterRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetCluster, "targetCluster");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** Returns a copy of the request body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns the body length in bytes without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** Returns whether the request carries a signature header. */
    public boolean isSigned() {
        return signature != null;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof CrossClusterRequest that)) {
            return false;
        }
        return requestId.equals(that.requestId)
                && action.equals(that.action)
                && targetCluster.equals(that.targetCluster)
                && Objects.equals(credentials, that.credentials)
                && Objects.equals(subjectInfo, that.subjectInfo)
                && Objects.equals(signature, that.signature)
                && Arrays.equals(body, that.body)
                && remoteAddress.equals(that.remoteAddress);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(requestId, action, targetCluster, credentials, subjectInfo, signature, remoteAddress);
        return 31 * result + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "CrossClusterRequest[requestId=" + requestId
                + ", action=" + action
                + ", targetCluster=" + targetCluster
                + ", credentials=" + (credentials == null ? "absent" : "<redacted>")
                + ", subjectInfo=" + lengthOf(subjectInfo)
                + ", signature=" + lengthOf(signature)
                + ", body=" + body.length + " bytes"
                + ", remoteAddress=" + remoteAddress + "]";
    }

    private static String lengthOf(@Nullable String value) {
        return value == null ? "absent" : value.length() + " chars";
    }
}
