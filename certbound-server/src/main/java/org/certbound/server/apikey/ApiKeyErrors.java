package org.certbound.server.apikey;

import org.certbound.server.common.ApiException;

/** Factories for the errors of the API key APIs, in Elasticsearch's types and statuses. */
final class ApiKeyErrors {
    private ApiKeyErrors() {}

    /** Creates a 404 {@code resource_not_found_exception}. */
    static ApiException notFound(String reason) {
        return ApiException.notFound("resource_not_found_exception", reason);
    }

    /** Creates a 400 {@code illegal_argument_exception}. */
    static ApiException badRequest(String reason) {
        return ApiException.badRequest(reason);
    }

    /** Creates a 403 {@code security_exception}. */
    static ApiException forbidden(String reason) {
        return ApiException.forbidden(reason);
    }

    /** Creates a 401 {@code security_exception} with the {@code WWW-Authenticate} challenges. */
    static ApiException unauthorized(String reason) {
        return ApiException.unauthorized(reason);
    }

    /** Creates a 409 {@code version_conflict_engine_exception}. */
    static ApiException conflict(String reason) {
        return ApiException.of(409, "version_conflict_engine_exception", reason);
    }

    /** Creates a 400 {@code x_content_parse_exception}, for a body with the wrong structure. */
    static ApiException parse(ApiKeyParseException e) {
        return ApiException.of(400, "x_content_parse_exception", e.getMessage());
    }
}
