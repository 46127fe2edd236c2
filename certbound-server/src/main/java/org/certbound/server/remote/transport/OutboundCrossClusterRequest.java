package org.certbound.server.remote.transport;

import java.util.Map;
import java.util.Objects;

/**
 * A cross-cluster request the querying side sends: the action, the cross-cluster headers and the body.
 *
 * <p>Security: the headers carry the API key credentials, so {@link #toString()} prints the header
 * names only.
 *
 * @param action an allowlisted action name
 * @param headers the cross-cluster headers, by lowercase name
 * @param body the JSON body; a signature binds its SHA-256 digest, so it is sent byte for byte
 */
public record OutboundCrossClusterRequest(String action, Map<String, String> headers, byte[] body) {

    /** Checks the components and copies the headers and the body. */
    public OutboundCrossClusterRequest {
        Objects.requireNonNull(action, "action");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** Returns a copy of the body. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundCrossClusterRequest that
                && action.equals(that.action)
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "OutboundCrossClusterRequest[action=" + action + ", headers="
                + headers.keySet().stream().sorted().toList() + ", body=" + body.length + " bytes]";
    }
}
