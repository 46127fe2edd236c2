package org.certbound.server.apikey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the keys a caller may see: every key for a holder of {@code manage_api_key}, otherwise only the caller's
 * own keys.
 */
final class ApiKeyFinder {
    static final String MANAGE_API_KEY = "manage_api_key";

    private final ApiKeyStore store;
    private final Clock clock;

    ApiKeyFinder(ApiKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Returns the keys that match {@code request}, sorted by creation time.
     *
     * @throws org.certbound.server.common.ApiException 404 when an explicit id matches no visible key, 403 when a caller without
     *     {@code manage_api_key} names another user or realm
     */
    List<ApiKeyDocument> get(ApiKeyCaller caller, GetApiKeyRequest request) {
        List<ApiKeyDocument> result = select(caller, request);
        if (request.id() != null && result.isEmpty()) {
            throw ApiKeyErrors.notFound("API key [" + request.id() + "] not found");
        }
        return result;
    }

    /** Returns the keys that match {@code request} and that {@code caller} may see. */
    List<ApiKeyDocument> select(ApiKeyCaller caller, GetApiKeyRequest request) {
        boolean onlyOwn = checkScope(caller, request.username(), request.realmName()) || request.owner();
        Instant now = clock.instant();
        List<ApiKeyDocument> source = request.id() != null
                ? store.get(request.id()).map(v -> List.of(v.document())).orElse(List.of())
                : store.all();
        List<ApiKeyDocument> result = new ArrayList<>();
        for (ApiKeyDocument key : source) {
            if (request.matches(key, now) && (!onlyOwn || caller.owns(key))) {
                result.add(key);
            }
        }
        result.sort(java.util.Comparator.comparing(ApiKeyDocument::creation).thenComparing(ApiKeyDocument::id));
        return result;
    }

    /** Runs a query over the keys the caller may see. */
    ApiKeyQueryRequest.Page query(ApiKeyCaller caller, ApiKeyQueryRequest request) {
        boolean onlyOwn = !caller.has(MANAGE_API_KEY);
        List<ApiKeyDocument> visible = new ArrayList<>();
        for (ApiKeyDocument key : store.all()) {
            if (!onlyOwn || caller.owns(key)) {
                visible.add(key);
            }
        }
        return request.execute(visible);
    }

    /**
     * Returns true when the caller may see only their own keys, after checking that the named user and realm are the
     * caller's.
     */
    static boolean checkScope(ApiKeyCaller caller, String username, String realmName) {
        if (caller.has(MANAGE_API_KEY)) {
            return false;
        }
        boolean otherUser = username != null && !username.equals(caller.owner().principal());
        boolean otherRealm =
                realmName != null && !realmName.equals(caller.owner().realm());
        if (otherUser || otherRealm) {
            throw ApiKeyErrors.forbidden("user [" + caller.owner().principal() + "] may only manage their own API "
                    + "keys; [username] and [realm_name] must name the caller unless the caller holds the ["
                    + MANAGE_API_KEY + "] cluster privilege");
        }
        return true;
    }
}
