package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * A complete API key object graph over an in-memory store, for benchmarks and tests outside this package. It stands
 * for the node's wiring, with the same cache and hasher.
 */
public final class ApiKeyTestFixture {
    private final ApiKeyCache cache;
    private final ApiKeyService service;
    private final ApiKeyAuthenticationService authentication;
    private final ApiKeyCaller admin;

    /** Creates an empty fixture whose new keys are hashed with {@code algorithm}. */
    public ApiKeyTestFixture(ApiKeyHasher.Algorithm algorithm) {
        InMemoryApiKeyStore store = new InMemoryApiKeyStore();
        SecureRandom random = new SecureRandom();
        this.cache = new ApiKeyCache(Duration.ofMinutes(5), Duration.ofHours(24), 10_000, random);
        this.service = new ApiKeyService(
                store, cache, new ApiKeyHasher(algorithm, random), new ApiKeyGenerator(random), Clock.systemUTC());
        this.authentication = new ApiKeyAuthenticationService(store, cache, Clock.systemUTC());
        this.admin = new ApiKeyCaller(
                new ApiKeyDocument.Owner("admin", "file1", "file"),
                null,
                JsonNodeFactory.instance.objectNode(),
                privilege -> true);
    }

    /** Creates a cross-cluster key with a certificate identity and returns its encoded credentials. */
    public char[] createCrossClusterKey() {
        String body = "{\"name\":\"bench\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"CN=node-1\\\\.example\\\\.com,O=Example\"}";
        try (CreatedApiKey created =
                service.createCrossClusterKey(admin, CreateCrossClusterApiKeyRequest.parse(Json.parse(body)))) {
            return created.unsafeEncoded().clone();
        }
    }

    /** Returns the authentication service. */
    public ApiKeyAuthenticationService authentication() {
        return authentication;
    }

    /** Empties the caches, so the next authentication reads the store and verifies the stored hash. */
    public void clearCaches() {
        cache.invalidateAll();
    }
}
