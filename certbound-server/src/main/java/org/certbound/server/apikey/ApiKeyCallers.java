package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.security.RoleDescriptors;

/** Turns the authentication of a REST request into the {@link ApiKeyCaller} that the API key services take. */
final class ApiKeyCallers {
    private final AuthorizationService authorization;
    private final ApiKeyStore store;

    ApiKeyCallers(AuthorizationService authorization, ApiKeyStore store) {
        this.authorization = authorization;
        this.store = store;
    }

    ApiKeyCaller of(RestRequest request) {
        Authentication authentication = request.authentication();
        // The caller's first role set limits the keys it creates: a user's roles, the owner's roles that a key without
        // role descriptors inherits, or an API key's own role descriptors. A key that an API key creates is derived
        // and grants nothing by itself, so for an API key caller this set is only a further bound.
        ObjectNode roles = RoleDescriptors.toJson(authentication.roleSets().get(0));
        String realmType = authentication.realmType();
        String apiKeyId = null;
        if (authentication.isApiKey()) {
            apiKeyId = authentication.apiKey().orElseThrow().id();
            // The owner's realm type is stored on the key the caller authenticated with.
            realmType = store.get(apiKeyId)
                    .map(key -> key.document().owner().realmType())
                    .orElse(realmType);
        }
        ApiKeyDocument.Owner owner =
                new ApiKeyDocument.Owner(authentication.ownerUsername(), authentication.ownerRealm(), realmType);
        return new ApiKeyCaller(
                owner, apiKeyId, roles, privilege -> authorization.hasClusterPrivilege(authentication, privilege));
    }
}
