package org.certbound.server.remote.wire;

import java.util.Locale;
import java.util.Set;

/**
 * Names of the HTTP headers that carry a cross-cluster request, all lowercase.
 *
 * <p>A request on the remote cluster port may carry only these headers plus the HTTP/1.1 framing
 * headers in {@link #TRANSPORT_HEADERS}; the fulfilling cluster rejects any other {@code x-} header so
 * that a querying cluster cannot smuggle security context (for example a run-as header) past the
 * cross-cluster authenticator.
 */
public final class CrossClusterHeaders {

    /** Path prefix of every cross-cluster request; the action name follows it. */
    public static final String PATH_PREFIX = "/_remote_cluster/";

    /** {@code ApiKey <encoded>}, where {@code <encoded>} is the {@code encoded} value of a cross-cluster API key. */
    public static final String CREDENTIALS = "x-certbound-cross-cluster-credentials";

    /** Base64 (standard alphabet, padded) of the JSON subject info: the querying user and its remote privileges. */
    public static final String SUBJECT_INFO = "x-certbound-cross-cluster-subject-info";

    /** The JWS compact serialization with a detached payload that {@code RequestSigner.sign} returns. */
    public static final String SIGNATURE = "x-certbound-cross-cluster-signature";

    /** The action name, for example {@code indices:data/read/search}; it must equal the one in the path. */
    public static final String ACTION = "x-certbound-cross-cluster-action";

    /** The querying cluster's request id, repeated in both clusters' logs and audit events. */
    public static final String REQUEST_ID = "x-certbound-request-id";

    /**
     * The maximum length of a {@link #REQUEST_ID}, in characters. The id is copied into every log line and audit record of
     * the request, so it stays short; a UUID has 36 characters.
     */
    public static final int MAX_REQUEST_ID_LENGTH = 128;

    /**
     * The maximum size of the HTTP header block of a cross-cluster request or response, in bytes, on both ends.
     *
     * <p>Sized from the documented maxima: a signature header of up to 65,536 characters, a subject info of up to
     * 64 KiB of JSON (87,384 characters once Base64-encoded), credentials of up to 8 KiB, a request id of up to
     * {@value #MAX_REQUEST_ID_LENGTH} characters and the HTTP framing headers add up to about 160 KiB. The limit
     * leaves headroom above that, so every request within the maxima passes, while a peer still cannot make the
     * decoder buffer headers without bound.
     */
    public static final int MAX_HEADER_BLOCK_BYTES = 256 * 1024;

    /** The version of this wire format that the sender speaks. */
    public static final String WIRE_VERSION = "x-certbound-wire-version";

    /** The wire format version this node sends and accepts. */
    public static final String CURRENT_WIRE_VERSION = "1";

    /** The prefix of the {@link #CREDENTIALS} value; the encoded API key follows it. */
    public static final String API_KEY_SCHEME = "ApiKey ";

    /** The cross-cluster headers a request may carry. */
    public static final Set<String> CROSS_CLUSTER_HEADERS =
            Set.of(CREDENTIALS, SUBJECT_INFO, SIGNATURE, ACTION, REQUEST_ID, WIRE_VERSION);

    /** HTTP/1.1 headers that frame the request and carry no security context. */
    public static final Set<String> TRANSPORT_HEADERS = Set.of(
            "host",
            "content-type",
            "content-length",
            "connection",
            "accept",
            "accept-encoding",
            "user-agent",
            "transfer-encoding",
            "keep-alive");

    private CrossClusterHeaders() {}

    /**
     * Returns whether a header (any case) may appear on a request to the remote cluster port.
     *
     * @param name the header name as received
     * @return true for the cross-cluster headers and the HTTP framing headers
     */
    public static boolean isAllowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return CROSS_CLUSTER_HEADERS.contains(lower) || TRANSPORT_HEADERS.contains(lower);
    }

    /**
     * Returns whether a {@link #REQUEST_ID} value is acceptable: 1 to {@link #MAX_REQUEST_ID_LENGTH} visible ASCII
     * characters ({@code !} to {@code ~}), so that it cannot break a log line or hide control characters.
     *
     * @param requestId the header value as received
     * @return true when the value may be used as the request id
     */
    public static boolean isValidRequestId(String requestId) {
        if (requestId.isEmpty() || requestId.length() > MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < requestId.length(); i++) {
            char c = requestId.charAt(i);
            if (c < '!' || c > '~') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the HTTP path of a cross-cluster action.
     *
     * @param action an allowlisted action name
     * @return {@code /_remote_cluster/<action>}
     */
    public static String pathOf(String action) {
        return PATH_PREFIX + action;
    }
}
