package org.certbound.server.index.rest;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A method and a path template such as {@code /{index}/_doc/{id}}, with the handler of matching requests. A
 * placeholder matches one path segment that does not start with {@code _}, so {@code /_bulk} never matches
 * {@code /{index}}; {@code {id}} and the expression {@code _all} are the exceptions.
 *
 * @param method the HTTP method
 * @param template the path template
 * @param handler the handler
 */
public record Route(String method, String template, RestHandler handler) {
    /**
     * Returns the placeholder values when a request path matches this template, or null otherwise.
     *
     * @param path the decoded request path, without the query string
     */
    public @Nullable Map<String, String> match(String path) {
        String[] expected = segments(template);
        String[] actual = segments(path);
        if (expected.length != actual.length) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()
                        || actual[i].startsWith("_") && !segment.equals("{id}") && !actual[i].equals("_all")) {
                    return null;
                }
                values.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return null;
            }
        }
        return values;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
