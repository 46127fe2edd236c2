package org.certbound.server.remote.wire;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster request as the fulfilling side received it, with the raw header values.
 *
 * <p>Security: {@link #toString()} prints neither the credentials nor the body, because the credentials carry the
 * API key secret. The signature and subject info are shown by length only.
 *
 * @param requestId the request id header, or one the server generated when the header was absent
 * @param action the action from the request path
 * @param targetCluster the name of this (the fulfilling) cluster, which the signature must bind
 * @param credentials the raw credentials header value ({@code ApiKey <encoded>}), or null when absent
 * @param subjectInfo the raw subject info header value, or null when absent
 * @param signature the raw signature header value, or null when the request is unsigned
 * @param body the request body bytes exactly as received
 * @param remoteAddress the peer address of the connection
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
        body = body.clone();
    }

    /** Returns a copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Returns whether the request carries a signature header. */
    public boolean isSigned() {
        return signature != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CrossClusterRequest that
                && requestId.equals(that.requestId)
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
