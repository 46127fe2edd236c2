package org.certbound.server.apikey;

/**
 * A request body whose structure is wrong: an unknown field, a value of the wrong JSON type, or a required field left
 * out. The REST layer renders it as Elasticsearch's {@code x_content_parse_exception}.
 */
final class ApiKeyParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ApiKeyParseException(String message) {
        super(message);
    }
}
