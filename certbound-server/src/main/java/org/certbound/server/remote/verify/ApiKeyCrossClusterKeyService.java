package org.certbound.server.remote.verify;

import java.util.List;
import java.util.Objects;
import org.certbound.server.apikey.ApiKeyAuthenticationService;
import org.certbound.server.apikey.ApiKeyFailure;
import org.certbound.server.apikey.CrossClusterApiKey;
import org.certbound.server.common.ApiException;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;
import org.certbound.server.store.StateStoreException;

/**
 * Authenticates cross-cluster keys through the node's API key service.
 *
 * <p>The API key service signals failures as 401 errors that name the key id, never the secret, and carry an
 * {@link ApiKeyFailure} code, which this adapter passes on. A state store failure becomes a 503.
 */
public final class ApiKeyCrossClusterKeyService implements CrossClusterKeyService {

    private static final String ROLE_NAME = "cross_cluster";

    private final ApiKeyAuthenticationService apiKeys;

    /**
     * Creates the adapter.
     *
     * @param apiKeys the node's API key authentication service
     */
    public ApiKeyCrossClusterKeyService(ApiKeyAuthenticationService apiKeys) {
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
    }

    @Override
    public AuthenticatedCrossClusterKey authenticate(char[] encodedCredentials) throws CrossClusterAccessException {
        CrossClusterApiKey key;
        try {
            key = apiKeys.authenticateCrossCluster(encodedCredentials);
        } catch (ApiException e) {
            String code = ApiKeyFailure.of(e).map(ApiKeyFailure::code).orElse(FailureCodes.INVALID_CREDENTIALS);
            throw new CrossClusterAccessException(code, 401, e.getMessage(), e.getMessage(), null, e);
        } catch (StateStoreException e) {
            // The key could not be read, which says nothing about the credentials: the peer may retry.
            String reason = "API key authentication is unavailable: the security state store could not be read";
            throw new CrossClusterAccessException(
                    FailureCodes.AUTHENTICATION_UNAVAILABLE, 503, reason, reason + ": " + e.getMessage(), null, e);
        }
        List<RoleDescriptor> roles = List.of(RoleDescriptors.parseRole(ROLE_NAME, key.roleDescriptor()));
        return new AuthenticatedCrossClusterKey(
                key.id(), key.name(), roles, key.identityPattern().orElse(null));
    }
}
