package org.certbound.server.security;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;

/** Tries each {@link Authenticator} in registration order; a request none of them accepts gets a 401. */
public final class AuthenticationService {

    private final List<Authenticator> authenticators = new CopyOnWriteArrayList<>();

    /** Adds an authenticator after the existing ones. */
    public void addAuthenticator(Authenticator authenticator) {
        authenticators.add(authenticator);
    }

    /**
     * Authenticates {@code request}.
     *
     * @throws ApiException a 401 when no authenticator accepts the request, or the first authenticator's error
     */
    public Authentication authenticate(RestRequest request) {
        for (Authenticator authenticator : authenticators) {
            Optional<Authentication> authentication = authenticator.authenticate(request);
            if (authentication.isPresent()) {
                return authentication.get();
            }
        }
        String path = request.path();
        throw ApiException.unauthorized("missing authentication credentials for REST request [" + path + "]");
    }
}
