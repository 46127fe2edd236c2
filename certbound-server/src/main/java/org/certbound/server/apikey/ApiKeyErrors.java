package org.certbound.server.apikey;

/** Factories for the errors of the API key APIs, in Elasticsearch's types and statuses. */
final class ApiKeyErrors {
    private ApiKeyErrors() {}

    /** A 404 {@code resource_not_found_exception}. */
    static RuntimeException notFound(String reason) {
        return new ApiKeyStatusException(404, "resource_not_found_exception", reason);
    }

    /** A 400 {@code illegal_argument_exception}. */
    static RuntimeException badRequest(String reason) {
        return new ApiKeyStatusException(400, "illegal_argument_exception", reason);
    }

    /** A 403 {@code security_exception}. */
    static RuntimeException forbidden(String reason) {
        return new ApiKeyStatusException(403, "security_exception", reason);
    }

    /** A 401 {@code security_exception}. */
    static RuntimeException unauthorized(String reason) {
        return new ApiKeyStatusException(401, "security_exception", reason);
    }

    /** A 409 {@code version_conflict_engine_exception}. */
    static RuntimeException conflict(String reason) {
        return new ApiKeyStatusException(409, "version_conflict_engine_exception", reason);
    }

    /** A 400 {@code x_content_parse_exception}. */
    static RuntimeException parse(String reason) {
        return new ApiKeyStatusException(400, "x_content_parse_exception", reason);
    }

    /** Placeholder carrier until the REST layer's error type is available. */
    static final class ApiKeyStatusException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;

        ApiKeyStatusException(int status, String type, String reason) {
            super(reason);
            this.status = status;
            this.type = type;
        }
    }
}
