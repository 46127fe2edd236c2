package org.certbound.server.remote.verify;

import java.util.List;
import java.util.Objects;
import org.certbound.server.apikey.ApiKeyAuthenticationService;
import org.certbound.server.apikey.CrossClusterApiKey;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;

/**
 * Authenticates cross-cluster keys through the node's API key service.
 *
 * <p>The API key service signals failures as 401 errors whose messages name the key id and never the secret. This
 * adapter maps those messages to reason codes.
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
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? "API key authentication failed" : e.getMessage();
            // NOTE: the API key service has no reason codes yet, so the code is derived from its message wording.
            throw new CrossClusterAccessException(codeOf(reason), 401, reason, reason, null, e);
        }
        List<RoleDescriptor> roles = List.of(RoleDescriptors.parseRole(ROLE_NAME, key.roleDescriptor()));
        return new AuthenticatedCrossClusterKey(
                key.id(), key.name(), roles, key.identityPattern().orElse(null));
    }

    static String codeOf(String reason) {
        if (reason.contains("is invalidated")) {
            return FailureCodes.KEY_INVALIDATED;
        }
        if (reason.contains("has expired")) {
            return FailureCodes.KEY_EXPIRED;
        }
        if (reason.contains("is of type [")) {
            return FailureCodes.NOT_A_CROSS_CLUSTER_KEY;
        }
        return FailureCodes.INVALID_CREDENTIALS;
    }
}
