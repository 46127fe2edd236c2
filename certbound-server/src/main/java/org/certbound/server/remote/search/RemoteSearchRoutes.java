package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesRequest;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestRequest.Method;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.rest.RouteAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes of remote clusters: {@code GET /_remote/info}, {@code GET /_resolve/cluster/<expression>}
 * and {@code GET|POST /<expression>/_search|_count|_field_caps} for expressions that name a remote cluster.
 */
public final class RemoteSearchRoutes {

    private static final Logger logger = LoggerFactory.getLogger(RemoteSearchRoutes.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RemoteSearchRoutes() {}

    /**
     * Registers the routes.
     *
     * <p>When another feature already serves {@code /<expression>/_search}, that feature must hand
     * expressions with a {@code :} to {@link CrossClusterSearchService}, which is a node service.
     *
     * @param controller the REST controller
     * @param remotes the remote clusters
     * @param search the cross-cluster search service
     */
    public static void register(
            RestController controller, RemoteClusterService remotes, CrossClusterSearchService search) {
        controller.register(
                Method.GET,
                "/_remote/info",
                RouteAccess.cluster("monitor"),
                request -> RestResponse.ok(remotes.info()));
        controller.register(
                Method.GET,
                "/_resolve/cluster/{name}",
                RouteAccess.authenticated(),
                request -> RestResponse.ok(
                        search.resolveCluster(request.authentication(), request.param("name"), request.requestId())));
        for (Method method : new Method[] {Method.GET, Method.POST}) {
            registerIfFree(
                    controller,
                    method,
                    "/{index}/_search",
                    request -> RestResponse.ok(search.search(
                            request.authentication(),
                            request.param("index"),
                            body(request),
                            request.paramAsBoolean("typed_keys", false),
                            request.requestId())));
            registerIfFree(
                    controller,
                    method,
                    "/{index}/_count",
                    request -> RestResponse.ok(search.count(
                            request.authentication(), request.param("index"), body(request), request.requestId())));
            registerIfFree(
                    controller,
                    method,
                    "/{index}/_field_caps",
                    request -> RestResponse.ok(search.fieldCaps(
                            request.authentication(),
                            request.param("index"),
                            FieldCapabilitiesRequest.parse(
                                    request.params(),
                                    request.optionalContentAsJson().orElse(null)),
                            request.requestId())));
        }
    }

    private static void registerIfFree(
            RestController controller, Method method, String template, org.certbound.server.rest.RestHandler handler) {
        try {
            controller.register(method, template, RouteAccess.authenticated(), handler);
        } catch (IllegalArgumentException e) {
            logger.debug(
                    "route [{} {}] is served by another feature; it hands cross-cluster expressions to the"
                            + " cross-cluster search service",
                    method,
                    template);
        }
    }

    /** Returns the request body with the {@code size} and {@code from} URL parameters folded in. */
    private static JsonNode body(RestRequest request) {
        JsonNode content = request.optionalContentAsJson().orElseGet(MAPPER::createObjectNode);
        ObjectNode body = content.isObject() ? ((ObjectNode) content).deepCopy() : MAPPER.createObjectNode();
        for (String param : new String[] {"size", "from"}) {
            String value = request.param(param);
            if (value != null) {
                try {
                    body.put(param, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "URL parameter [" + param + "] must be an integer, got [" + value + "]");
                }
            }
        }
        return body;
    }
}
