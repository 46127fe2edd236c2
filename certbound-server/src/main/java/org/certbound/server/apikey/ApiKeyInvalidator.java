package org.certbound.server.apikey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invalidates API keys: marks them in the store, then drops them from the cache, so the very next authentication
 * with them fails on this node.
 */
final class ApiKeyInvalidator {
    static final String MANAGE_SECURITY = "manage_security";
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiKeyInvalidator.class);

    /** The outcome per key, in Elasticsearch's response fields. */
    record Result(List<String> invalidated, List<String> previouslyInvalidated, Map<String, String> errors) {}

    private final ApiKeyStore store;
    private final ApiKeyCache cache;
    private final ApiKeyFinder finder;
    private final Clock clock;

    ApiKeyInvalidator(ApiKeyStore store, ApiKeyCache cache, ApiKeyFinder finder, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.finder = finder;
        this.clock = clock;
    }

    /**
     * Invalidates the selected keys. A cross-cluster key needs {@code manage_security}; without it, the key is listed
     * in the errors and left valid.
     *
     * @throws org.certbound.server.common.ApiException 404 when ids were given and none of them names a visible key
     */
    Result invalidate(ApiKeyCaller caller, InvalidateApiKeyRequest request) {
        List<ApiKeyDocument> keys = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        if (request.ids().isEmpty()) {
            keys.addAll(finder.select(caller, request.selection(null)));
        } else {
            for (String id : request.ids()) {
                List<ApiKeyDocument> found = finder.select(caller, request.selection(id));
                if (found.isEmpty()) {
                    errors.put(id, "API key [" + id + "] not found");
                }
                keys.addAll(found);
            }
            if (keys.isEmpty()) {
                throw ApiKeyErrors.notFound("no API key found for ids " + request.ids());
            }
        }
        List<String> invalidated = new ArrayList<>();
        List<String> previously = new ArrayList<>();
        for (ApiKeyDocument key : keys) {
            if (key.invalidated()) {
                previously.add(key.id());
            } else if (key.type() == ApiKeyType.CROSS_CLUSTER && !caller.has(MANAGE_SECURITY)) {
                errors.put(
                        key.id(),
                        "cannot invalidate cross-cluster API key [" + key.id() + "]: this needs the [" + MANAGE_SECURITY
                                + "] cluster privilege");
            } else if (markInvalidated(key.id())) {
                invalidated.add(key.id());
            } else {
                previously.add(key.id());
            }
        }
        return new Result(List.copyOf(invalidated), List.copyOf(previously), errors);
    }

    private boolean markInvalidated(String id) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var current = store.get(id);
            if (current.isEmpty() || current.get().document().invalidated()) {
                cache.invalidate(id);
                return false;
            }
            try {
                store.replace(
                        current.get().document().withInvalidation(clock.instant()),
                        current.get().version());
                cache.invalidate(id);
                LOGGER.info("invalidated API key [{}]", id);
                return true;
            } catch (ConcurrentModificationException e) {
                LOGGER.debug("API key [{}] changed while being invalidated; retrying", id);
            }
        }
        throw ApiKeyErrors.conflict("API key [" + id + "] kept changing while being invalidated; retry the request");
    }
}
