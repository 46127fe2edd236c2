package org.certbound.server.http;

import java.util.Locale;
import org.certbound.server.common.ApiException;

/**
 * The media types of the REST API: {@code application/json}, {@code application/x-ndjson} and their
 * Elasticsearch vendor forms with {@code compatible-with=8} or {@code 9}, which the official clients send.
 */
final class MediaTypes {

    static final String JSON = "application/json";

    private MediaTypes() {}

    /**
     * Checks the {@code Content-Type} of a request that has a body.
     *
     * @throws ApiException a 406 for an unsupported type, a 400 for an unsupported {@code compatible-with}
     */
    static void checkContentType(String header) {
        if (header == null) {
            throw ApiException.of(406, "media_type_header_exception", "Content-Type header is missing");
        }
        String type = baseType(header);
        boolean supported = type.equals(JSON)
                || type.equals("application/x-ndjson")
                || type.equals("application/vnd.elasticsearch+json")
                || type.equals("application/vnd.elasticsearch+x-ndjson");
        if (!supported) {
            throw ApiException.of(
                    406,
                    "media_type_header_exception",
                    "Content-Type header [" + header + "] is not supported; use [application/json]");
        }
        compatibleVersion(header, "Content-Type");
    }

    /**
     * Returns the response content type for the request's {@code Accept} header: the vendor type with the same
     * {@code compatible-with} when the client asked for it, else {@code application/json}.
     *
     * @throws ApiException a 400 for an unsupported {@code compatible-with}
     */
    static String responseType(String accept) {
        if (accept == null) {
            return JSON;
        }
        String type = baseType(accept);
        if (type.startsWith("application/vnd.elasticsearch+")) {
            Integer version = compatibleVersion(accept, "Accept");
            return "application/vnd.elasticsearch+json;compatible-with=" + (version == null ? 9 : version);
        }
        return JSON;
    }

    private static Integer compatibleVersion(String header, String name) {
        String lower = header.toLowerCase(Locale.ROOT);
        int index = lower.indexOf("compatible-with");
        if (index < 0) {
            return null;
        }
        String rest = lower.substring(index + "compatible-with".length()).trim();
        if (!rest.startsWith("=")) {
            throw invalidVersion(header, name);
        }
        String value = rest.substring(1).trim();
        int end = value.indexOf(';');
        value = (end < 0 ? value : value.substring(0, end)).trim();
        if (value.equals("8") || value.equals("9")) {
            return Integer.parseInt(value);
        }
        throw invalidVersion(header, name);
    }

    private static ApiException invalidVersion(String header, String name) {
        return ApiException.of(
                400,
                "media_type_header_exception",
                "Invalid media-type value on headers [" + name + "]: [" + header
                        + "]; compatible-with must be [8] or [9]");
    }

    private static String baseType(String header) {
        int semicolon = header.indexOf(';');
        String type = semicolon < 0 ? header : header.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
