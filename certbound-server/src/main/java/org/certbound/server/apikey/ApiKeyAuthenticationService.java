package org.certbound.server.apikey;

import java.time.Clock;
import java.util.Optional;
import org.certbound.server.common.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates API key credentials against the store, through the node's {@link ApiKeyCache}.
 *
 * <p>Order of checks: the key exists, the secret matches its stored hash, the key is not invalidated, it has the
 * expected type, and it has not expired. An unknown id and a wrong secret get the same reason, so a caller cannot
 * probe for ids. The other reasons are given only to a caller that has proved it has the secret.
 *
 * <p>Security: the secret is compared in constant time, and neither reasons nor log lines contain it.
 */
public final class ApiKeyAuthenticationService {
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiKeyAuthenticationService.class);

    private final ApiKeyStore store;
    private final ApiKeyCache cache;
    private final Clock clock;

    ApiKeyAuthenticationService(ApiKeyStore store, ApiKeyCache cache, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * Authenticates the {@code encoded} credentials of a cross-cluster API key, as the fulfilling cluster receives
     * them on the remote cluster port. The caller keeps ownership of the array and should zero it.
     *
     * <p>A repeated call with the same credentials costs one SHA-256 and a cache lookup; an invalidation, update or
     * expiry is seen by the very next call on this node.
     *
     * @return the key's id, name, role descriptor, certificate identity and expiration
     * @throws ApiException a 401 {@code security_exception} for malformed credentials, an unknown id, a wrong secret, or a key that is
     *     invalidated, expired, or not a cross-cluster key
     */
    public CrossClusterApiKey authenticateCrossCluster(char[] encodedCredentials) throws ApiException {
        try (ApiKeyCredentials credentials = decode(encodedCredentials)) {
            if (credentials.secretLength() != ApiKeyCredentials.SECRET_LENGTH) {
                // The peer gets the same reason as for any wrong secret, so it learns nothing about the secret's
                // form; the operator log keeps the detail.
                LOGGER.debug(
                        "API key [{}] rejected: the secret has {} characters, a cross-cluster key secret has {}",
                        credentials.id(),
                        credentials.secretLength(),
                        ApiKeyCredentials.SECRET_LENGTH);
                throw invalidCredentials(credentials.id());
            }
            return CrossClusterApiKey.of(authenticate(credentials, ApiKeyType.CROSS_CLUSTER));
        }
    }

    /**
     * Authenticates credentials for a key of {@code expectedType}.
     *
     * @throws ApiException a 401 error when the credentials are not valid for such a key now
     */
    AuthenticatedApiKey authenticate(ApiKeyCredentials credentials, ApiKeyType expectedType) {
        String id = credentials.id();
        Optional<ApiKeyCache.Entry> cached = cache.get(id, store);
        if (cached.isEmpty()) {
            LOGGER.debug("API key [{}] rejected: no key with this id", id);
            throw invalidCredentials(id);
        }
        ApiKeyCache.Entry entry = cached.get();
        verifySecret(credentials, entry.document());

        ApiKeyDocument key = entry.document();
        if (key.invalidated()) {
            throw ApiKeyFailure.INVALIDATED.toException("API key [" + id + "] is invalidated");
        }
        if (key.type() != expectedType) {
            throw ApiKeyFailure.WRONG_TYPE.toException(typeMismatch(id, key.type(), expectedType));
        }
        if (key.expiredAt(clock.instant())) {
            throw ApiKeyFailure.EXPIRED.toException("API key [" + id + "] has expired");
        }
        return new AuthenticatedApiKey(key, entry.identityPattern(), entry.roles(), entry.limitedBy());
    }

    private void verifySecret(ApiKeyCredentials credentials, ApiKeyDocument key) {
        char[] secret = credentials.unsafeSecret();
        if (cache.isVerified(key.id(), secret)) {
            return;
        }
        if (!ApiKeyHasher.verify(secret, key.hash())) {
            LOGGER.debug("API key [{}] rejected: the secret does not match the stored hash", key.id());
            throw invalidCredentials(key.id());
        }
        cache.markVerified(key.id(), secret);
    }

    private static ApiKeyCredentials decode(char[] encoded) {
        try {
            return ApiKeyCredentials.decode(encoded);
        } catch (IllegalArgumentException e) {
            // The message names the defect but never the value.
            throw ApiKeyFailure.MALFORMED_CREDENTIALS.toException(e.getMessage());
        }
    }

    static ApiException invalidCredentials(String id) {
        return ApiKeyFailure.INVALID_CREDENTIALS.toException(
                "unable to authenticate with the provided credentials for API key [" + id
                        + "]; the id is unknown or the secret is wrong");
    }

    private static String typeMismatch(String id, ApiKeyType actual, ApiKeyType expected) {
        if (actual == ApiKeyType.CROSS_CLUSTER) {
            return "API key [" + id + "] is of type [cross_cluster], which is valid only on the remote cluster port, "
                    + "not for REST requests; authenticate REST requests with a [rest] API key";
        }
        return "API key [" + id + "] is of type [" + actual.value() + "] but type [" + expected.value()
                + "] is required; create the key with POST /_security/cross_cluster/api_key";
    }
}
