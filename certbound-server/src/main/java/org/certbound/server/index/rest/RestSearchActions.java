package org.certbound.server.index.rest;

import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.security.IndexAction;
import org.certbound.server.index.security.IndexAuthorization;
import org.certbound.server.rest.RestHandler;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;

/**
 * The handlers of {@code _search} and {@code _count}. Naming an index the caller may not read is a 403; wildcards
 * resolve only over readable indices; document- and field-level security apply per index. An expression that names
 * a remote cluster ({@code alias:index}) goes to the cross-cluster handlers.
 */
final class RestSearchActions {
    private final SearchService search;
    private final RestHandler remoteSearch;
    private final RestHandler remoteCount;

    RestSearchActions(SearchService search, RestHandler remoteSearch, RestHandler remoteCount) {
        this.search = search;
        this.remoteSearch = remoteSearch;
        this.remoteCount = remoteCount;
    }

    RestResponse search(RestRequest request) throws Exception {
        String expression = request.param("index");
        if (isCrossCluster(expression)) {
            return remoteSearch.handle(request);
        }
        IndexAuthorization authorization = authorize(request, expression);
        return RestResponse.json(
                200,
                search.search(
                        expression, RestSupport.body(request), SearchParameters.of(request.params()), authorization));
    }

    RestResponse count(RestRequest request) throws Exception {
        String expression = request.param("index");
        if (isCrossCluster(expression)) {
            return remoteCount.handle(request);
        }
        IndexAuthorization authorization = authorize(request, expression);
        return RestResponse.json(
                200,
                search.count(
                        expression, RestSupport.body(request), SearchParameters.of(request.params()), authorization));
    }

    private static IndexAuthorization authorize(RestRequest request, String expression) {
        IndexAuthorization authorization = RestSupport.authorization(request);
        RestSupport.checkNamed(authorization, IndexAction.SEARCH, expression);
        return authorization;
    }

    private static boolean isCrossCluster(String expression) {
        return expression != null && expression.indexOf(':') >= 0;
    }
}
