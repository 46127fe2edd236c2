package org.certbound.server.apikey;

import java.util.Optional;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.Authenticator;

/**
 * Authenticates REST requests that carry {@code Authorization: ApiKey <encoded>}. Cross-cluster keys are rejected
 * here: they are valid only on the remote cluster port.
 */
final class ApiKeyAuthenticator implements Authenticator {
    private final ApiKeyAuthenticationService service;

    ApiKeyAuthenticator(ApiKeyAuthenticationService service) {
        this.service = service;
    }

    @Override
    public Optional<Authentication> authenticate(RestRequest request) throws ApiException {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        ApiKeyCredentials credentials;
        try {
            credentials = ApiKeyCredentials.fromAuthorizationHeader(header.get());
        } catch (IllegalArgumentException e) {
            throw ApiKeyFailure.MALFORMED_CREDENTIALS.toException(e.getMessage());
        }
        if (credentials == null) {
            return Optional.empty();
        }
        try (credentials) {
            AuthenticatedApiKey key = service.authenticate(credentials, ApiKeyType.REST);
            ApiKeyDocument document = key.document();
            Authentication.ApiKeyInfo info = new Authentication.ApiKeyInfo(
                    document.id(), document.name(), document.type().value());
            return Optional.of(Authentication.apiKey(
                            info, document.owner().principal(), document.owner().realm())
                    .roles(key.roles())
                    .limitedBy(key.limitedBy())
                    .derivedApiKey(document.derived())
                    .metadata(java.util.Map.of())
                    .build());
        }
    }
}
