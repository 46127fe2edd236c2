package org.certbound.server.security;

import java.util.Optional;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;

/**
 * One way to authenticate a REST request, for example basic credentials against the file realm or an
 * {@code Authorization: ApiKey} header.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Authenticates {@code request}.
     *
     * @return the authentication, or empty when the request carries no credentials this authenticator handles
     * @throws ApiException (usually 401) when it carries such credentials and they are invalid
     */
    Optional<Authentication> authenticate(RestRequest request) throws ApiException;
}
