package org.certbound.server.index.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.search.SearchService;
import org.jspecify.annotations.Nullable;

/**
 * The routes of the index, document and search APIs, in the order they should be tried. Every handler returns
 * Elasticsearch's error body for engine failures.
 *
 * <p>Authorization is the caller's job: it checks the route's action on the resolved indices before calling the
 * handler, and supplies the caller's document- and field-level security through {@link RestRequest#indexAccess()}.
 */
public final class IndexRestRoutes {
    private final List<Route> routes;

    /** Creates the routes over a node's indices and search service. */
    public IndexRestRoutes(IndicesService indices, SearchService search) {
        RestIndexActions index = new RestIndexActions(indices);
        RestDocumentActions documents = new RestDocumentActions(indices);
        RestSearchActions searches = new RestSearchActions(search);
        List<Route> all = new ArrayList<>();
        add(all, "GET", "/_cat/indices", index::cat);
        add(all, "GET", "/_cat/indices/{index}", index::cat);
        for (String method : List.of("GET", "POST")) {
            add(all, method, "/_search", searches::search);
            add(all, method, "/{index}/_search", searches::search);
            add(all, method, "/_count", searches::count);
            add(all, method, "/{index}/_count", searches::count);
            add(all, method, "/_refresh", index::refresh);
            add(all, method, "/{index}/_refresh", index::refresh);
        }
        for (String method : List.of("POST", "PUT")) {
            add(all, method, "/_bulk", documents::bulk);
            add(all, method, "/{index}/_bulk", documents::bulk);
            add(all, method, "/{index}/_doc/{id}", documents::index);
            add(all, method, "/{index}/_create/{id}", documents::create);
        }
        add(all, "POST", "/{index}/_doc", documents::index);
        add(all, "GET", "/{index}/_doc/{id}", documents::get);
        add(all, "DELETE", "/{index}/_doc/{id}", documents::delete);
        add(all, "PUT", "/{index}", index::create);
        add(all, "DELETE", "/{index}", index::delete);
        add(all, "GET", "/{index}", index::get);
        add(all, "HEAD", "/{index}", index::exists);
        this.routes = List.copyOf(all);
    }

    private static void add(List<Route> routes, String method, String template, RestHandler handler) {
        routes.add(new Route(method, template, request -> RestSupport.guarded(() -> handler.handle(request))));
    }

    /** Returns every route. */
    public List<Route> routes() {
        return routes;
    }

    /** A route that matched a request, with the placeholder values. */
    public record Match(Route route, Map<String, String> pathParameters) {}

    /** Returns the first route matching a method and path, or null when none does. */
    public @Nullable Match match(String method, String path) {
        for (Route route : routes) {
            if (route.method().equals(method)) {
                Map<String, String> values = route.match(path);
                if (values != null) {
                    return new Match(route, values);
                }
            }
        }
        return null;
    }
}
