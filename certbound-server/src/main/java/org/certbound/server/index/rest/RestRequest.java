package org.certbound.server.index.rest;

import java.util.Map;
import org.certbound.server.index.security.IndexAccessControl;
import org.jspecify.annotations.Nullable;

/** An HTTP request as the index and search handlers see it; the node's HTTP layer implements it. */
public interface RestRequest {
    /** Returns the HTTP method in upper case, such as {@code GET}. */
    String method();

    /** Returns the decoded URL parameters. */
    Map<String, String> parameters();

    /** Returns the values of the route's {@code {name}} placeholders. */
    Map<String, String> pathParameters();

    /** Returns the request body decoded as UTF-8, or null when there is none. */
    @Nullable
    String content();

    /**
     * Returns the authenticated caller's access to each index. The default restricts nothing and is only for nodes
     * without security.
     */
    default IndexAccessControl indexAccess() {
        return IndexAccessControl.UNRESTRICTED;
    }

    /** Returns a URL parameter, or null when absent. */
    default @Nullable String parameter(String name) {
        return parameters().get(name);
    }

    /** Returns a path placeholder, or null when the route has none of that name. */
    default @Nullable String pathParameter(String name) {
        return pathParameters().get(name);
    }
}
