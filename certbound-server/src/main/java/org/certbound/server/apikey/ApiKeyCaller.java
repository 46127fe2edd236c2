package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated user of an API key request, reduced to what the API key service needs.
 *
 * @param owner the user, or for a caller authenticated by API key, that key's owner
 * @param apiKeyId the id of the API key the caller authenticated with, or null for a user; stored as the
 *     {@code derived_from_api_key} of the keys it creates
 * @param roleDescriptors the caller's first role set by name (see {@code Authentication.roleSets()}), stored as
 *     {@code limited_by} on new REST keys
 * @param clusterPrivilege tests whether the caller has a cluster privilege such as {@code manage_api_key}
 */
record ApiKeyCaller(
        ApiKeyDocument.Owner owner,
        @Nullable String apiKeyId,
        ObjectNode roleDescriptors,
        Predicate<String> clusterPrivilege) {
    boolean viaApiKey() {
        return apiKeyId != null;
    }

    boolean has(String privilege) {
        return clusterPrivilege.test(privilege);
    }

    /**
     * Returns whether {@code key} is the caller's to see and manage without {@code manage_api_key}. A user owns the
     * keys created under its name. A caller authenticated by an API key owns only that key and the keys it derived,
     * not its owner's other keys, so a key handed to a script cannot list or revoke its owner's keys.
     */
    boolean owns(ApiKeyDocument key) {
        boolean sameOwner = key.owner().principal().equals(owner.principal())
                && key.owner().realm().equals(owner.realm());
        if (!sameOwner || apiKeyId == null) {
            return sameOwner;
        }
        return apiKeyId.equals(key.id()) || apiKeyId.equals(key.derivedFrom());
    }
}
