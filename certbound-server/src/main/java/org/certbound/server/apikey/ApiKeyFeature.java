package org.certbound.server.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.rest.RestController;
import org.certbound.server.security.Authenticator;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.settings.Settings;
import org.certbound.server.store.StateStore;

/**
 * The API key feature: the REST endpoints under {@code /_security/api_key}, {@code /_security/cross_cluster/api_key}
 * and {@code /_security/_query/api_key}, and the {@code Authorization: ApiKey} authenticator for the HTTP port.
 *
 * <p>The remote cluster transport authenticates cross-cluster keys through {@link #authenticationService()}.
 */
public final class ApiKeyFeature implements NodeFeature {
    private volatile ApiKeyAuthenticationService authentication;

    @Override
    public List<Object> settings() {
        return ApiKeySettings.all();
    }

    @Override
    public void start(NodeContext context) {
        authentication = wire(
                context.settings(),
                context.stateStore(),
                context.authorizationService(),
                context.restController(),
                context::addAuthenticator);
    }

    /** Builds the feature's object graph, registers its routes and authenticator, and returns its authenticator. */
    static ApiKeyAuthenticationService wire(
            Settings settings,
            StateStore stateStore,
            AuthorizationService authorization,
            RestController controller,
            Consumer<Authenticator> authenticators) {
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        ApiKeyStore store = new StateStoreApiKeyStore(stateStore);
        ApiKeyCache cache = new ApiKeyCache(
                ApiKeySettings.DOC_CACHE_TTL.get(settings),
                ApiKeySettings.CACHE_TTL.get(settings),
                ApiKeySettings.CACHE_MAX_KEYS.get(settings),
                random);
        ApiKeyHasher hasher = new ApiKeyHasher(ApiKeySettings.HASHING_ALGORITHM.get(settings), random);
        ApiKeyService service = new ApiKeyService(store, cache, hasher, new ApiKeyGenerator(random), clock);
        ApiKeyFinder finder = new ApiKeyFinder(store, clock);
        ApiKeyInvalidator invalidator = new ApiKeyInvalidator(store, cache, finder, clock);
        ApiKeyAuthenticationService authentication = new ApiKeyAuthenticationService(store, cache, clock);

        new RestApiKeyActions(service, finder, invalidator, new ApiKeyCallers(authorization, store), clock)
                .register(controller);
        authenticators.accept(new ApiKeyAuthenticator(authentication));
        return authentication;
    }

    /**
     * Returns the service that authenticates cross-cluster API keys on the remote cluster port.
     *
     * @throws IllegalStateException before {@link #start}
     */
    public ApiKeyAuthenticationService authenticationService() {
        ApiKeyAuthenticationService service = authentication;
        if (service == null) {
            throw new IllegalStateException("the API key feature has not started yet");
        }
        return service;
    }
}
