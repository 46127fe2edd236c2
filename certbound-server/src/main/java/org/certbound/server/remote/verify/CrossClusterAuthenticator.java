package org.certbound.server.remote.verify;

import java.util.Collection;
import java.util.Map;
import org.certbound.server.remote.wire.CrossClusterRequest;

/**
 * Authenticates and authorizes cross-cluster requests on the fulfilling cluster, auditing every outcome.
 *
 * <p>Authentication runs in this order, and stops at the first failure: parse the credentials; authenticate the API
 * key (known id, right secret, cross-cluster type, not invalidated, not expired); if the request is signed or the key
 * has a {@code certificate_identity}, verify the signature (trusted chain, validity now, signature over this
 * request's action, target cluster, credentials, subject info and body, freshness and nonce); match the leaf's DN
 * against the pattern; and only then decode the subject info. The API key check comes before any public-key work, so
 * a caller without a valid key cannot make this node spend time on forged signatures.
 */
public interface CrossClusterAuthenticator {

    /**
     * Authenticates a request.
     *
     * @param request the request as received
     * @return the verified caller, with the permissions the search side authorizes against
     * @throws CrossClusterAccessException with the reason code of the first check that failed
     */
    VerifiedCrossClusterRequest authenticate(CrossClusterRequest request) throws CrossClusterAccessException;

    /**
     * Authorizes the request's action on every index in {@code indices} and audits the decision.
     *
     * @param request the request as received
     * @param verified the result of {@link #authenticate}
     * @param indices the concrete indices the action will read
     * @return the document and field restrictions per index, in the order given
     * @throws CrossClusterAccessException with code {@code unauthorized_index} when any index is not authorized
     */
    Map<String, IndexAccessControl> authorize(
            CrossClusterRequest request, VerifiedCrossClusterRequest verified, Collection<String> indices)
            throws CrossClusterAccessException;
}
