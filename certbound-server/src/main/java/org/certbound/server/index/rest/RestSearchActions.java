package org.certbound.server.index.rest;

import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;

/** The handlers of {@code _search} and {@code _count}, applying the caller's index access. */
final class RestSearchActions {
    private final SearchService search;

    RestSearchActions(SearchService search) {
        this.search = search;
    }

    RestResponse search(RestRequest request) {
        return RestResponse.json(
                200,
                search.search(
                        request.pathParameter("index"),
                        RestSupport.body(request),
                        SearchParameters.of(request.parameters()),
                        request.indexAccess()));
    }

    RestResponse count(RestRequest request) {
        return RestResponse.json(
                200,
                search.count(
                        request.pathParameter("index"),
                        RestSupport.body(request),
                        SearchParameters.of(request.parameters()),
                        request.indexAccess()));
    }
}
