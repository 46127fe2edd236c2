package org.certbound.server.apikey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code GET /_security/api_key}, also the criteria of {@code DELETE /_security/api_key}.
 *
 * @param id a key id, or null for any
 * @param name a key name, a prefix ending in {@code *}, or null for any
 * @param username the owner's user name, or null for any
 * @param realmName the owner's realm, or null for any
 * @param owner whether to return only the caller's own keys
 * @param activeOnly whether to leave out invalidated and expired keys
 */
record GetApiKeyRequest(
        @Nullable String id,
        @Nullable String name,
        @Nullable String username,
        @Nullable String realmName,
        boolean owner,
        boolean activeOnly) {
    boolean hasCriteria() {
        return id != null || name != null || username != null || realmName != null || owner;
    }

    boolean matches(ApiKeyDocument key, Instant now) {
        return (id == null || id.equals(key.id()))
                && (name == null || nameMatches(key.name()))
                && (username == null || username.equals(key.owner().principal()))
                && (realmName == null || realmName.equals(key.owner().realm()))
                && (!activeOnly || (!key.invalidated() && !key.expiredAt(now)));
    }

    private boolean nameMatches(String keyName) {
        if (name.equals("*")) {
            return true;
        }
        if (name.endsWith("*")) {
            return keyName.startsWith(name.substring(0, name.length() - 1));
        }
        return name.equals(keyName);
    }
}
