package org.certbound.server.remote.wire;

/**
 * Names of the HTTP headers that carry a cross-cluster request between two clusters.
 *
 * <p>All names are lowercase. A request travels as {@code POST /_remote_cluster/<action>} on the remote cluster
 * port, and these headers carry the security context beside the JSON body.
 */
public final class CrossClusterHeaders {

    /** The cross-cluster API key, as {@code ApiKey <encoded>} where {@code encoded} is Base64 of {@code id:secret}. */
    public static final String CREDENTIALS = "x-certbound-cross-cluster-credentials";

    /** Base64 of the JSON subject info: the querying user and its {@code remote_indices} for the target cluster. */
    public static final String SUBJECT_INFO = "x-certbound-cross-cluster-subject-info";

    /** The detached-payload JWS that signs the request, absent when the querying cluster does not sign. */
    public static final String SIGNATURE = "x-certbound-cross-cluster-signature";

    /** The action name, for example {@code indices:data/read/search}. */
    public static final String ACTION = "x-certbound-cross-cluster-action";

    /** The querying cluster's request id, repeated in both clusters' logs and audit records. */
    public static final String REQUEST_ID = "x-certbound-request-id";

    /** The prefix of the credentials header value. */
    public static final String API_KEY_SCHEME = "ApiKey ";

    /** The HTTP path prefix; the action name follows it. */
    public static final String PATH_PREFIX = "/_remote_cluster/";

    private CrossClusterHeaders() {}
}
