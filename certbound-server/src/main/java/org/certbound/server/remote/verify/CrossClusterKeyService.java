package org.certbound.server.remote.verify;

/**
 * Authenticates the cross-cluster API key of a request: the seam between the verification pipeline and the API key
 * store.
 */
@FunctionalInterface
public interface CrossClusterKeyService {

    /**
     * Authenticates the {@code encoded} form of a cross-cluster API key, {@code base64(id:secret)}.
     *
     * @param encodedCredentials the value after {@code ApiKey }; the caller keeps ownership and zeroes it afterwards
     * @return the key
     * @throws CrossClusterAccessException with code {@code invalid_credentials}, {@code not_a_cross_cluster_key},
     *     {@code key_invalidated}, {@code key_expired} or {@code authentication_unavailable}
     */
    AuthenticatedCrossClusterKey authenticate(char[] encodedCredentials) throws CrossClusterAccessException;
}
