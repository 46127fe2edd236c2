package org.certbound.server.index.rest;

import java.util.List;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestHandler;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestRequest.Method;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.rest.RouteAccess;

/**
 * Registers the routes of the index, document and search APIs. Every route needs an authenticated caller; the
 * handlers check index privileges themselves, and render engine failures in Elasticsearch's error shape.
 */
public final class IndexRestRoutes {
    private IndexRestRoutes() {}

    /**
     * Registers every route on a controller.
     *
     * @param remoteSearch handles {@code _search} on expressions that name a remote cluster
     * @param remoteCount handles {@code _count} on expressions that name a remote cluster
     * @param remoteFieldCaps handles {@code _field_caps} on expressions that name a remote cluster
     */
    public static void register(
            RestController controller,
            IndicesService indices,
            SearchService search,
            RestHandler remoteSearch,
            RestHandler remoteCount,
            RestHandler remoteFieldCaps) {
        RestIndexActions index = new RestIndexActions(indices);
        RestDocumentActions documents = new RestDocumentActions(indices, search);
        RestSearchActions searches = new RestSearchActions(search, remoteSearch, remoteCount);
        RestFieldCapsAction fieldCaps = new RestFieldCapsAction(indices, remoteFieldCaps);
        add(controller, Method.GET, "/_cat/indices", index::cat);
        add(controller, Method.GET, "/_cat/indices/{index}", index::cat);
        for (Method method : List.of(Method.GET, Method.POST)) {
            add(controller, method, "/_search", searches::search);
            add(controller, method, "/{index}/_search", searches::search);
            add(controller, method, "/_count", searches::count);
            add(controller, method, "/{index}/_count", searches::count);
            add(controller, method, "/_field_caps", fieldCaps::fieldCaps);
            add(controller, method, "/{index}/_field_caps", fieldCaps::fieldCaps);
            add(controller, method, "/_refresh", index::refresh);
            add(controller, method, "/{index}/_refresh", index::refresh);
        }
        for (Method method : List.of(Method.POST, Method.PUT)) {
            add(controller, method, "/_bulk", documents::bulk);
            add(controller, method, "/{index}/_bulk", documents::bulk);
            add(controller, method, "/{index}/_doc/{id}", documents::index);
            add(controller, method, "/{index}/_create/{id}", documents::create);
        }
        add(controller, Method.POST, "/{index}/_doc", documents::index);
        add(controller, Method.GET, "/{index}/_doc/{id}", documents::get);
        add(controller, Method.DELETE, "/{index}/_doc/{id}", documents::delete);
        add(controller, Method.PUT, "/{index}", index::create);
        add(controller, Method.DELETE, "/{index}", index::delete);
        add(controller, Method.GET, "/{index}", index::get);
        add(controller, Method.HEAD, "/{index}", index::exists);
    }

    private static void add(RestController controller, Method method, String template, RestHandler handler) {
        RestHandler guarded = RestSupport.guarded(handler);
        RestHandler routed = template.startsWith("/{index}") ? request -> indexPathOnly(request, guarded) : guarded;
        controller.register(method, template, RouteAccess.authenticated(), routed);
    }

    /**
     * Rejects a request whose first segment starts with {@code _} (other than {@code _all}) as an unknown API because
     * such a segment names an API and never an index, so {@code GET /_no_such_api} is not read as an index name.
     */
    private static RestResponse indexPathOnly(RestRequest request, RestHandler handler) throws Exception {
        String first = request.pathSegments().get(0);
        if (first.startsWith("_") && !first.equals("_all")) {
            throw ApiException.badRequest(
                    "no handler found for uri [" + request.rawPath() + "] and method [" + request.method() + "]");
        }
        return handler.handle(request);
    }
}
