package org.certbound.server.rest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest.Method;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.AuthorizationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes REST requests to handlers by method and path template, authenticates and authorizes them, and turns
 * exceptions into Elasticsearch error responses.
 *
 * <p>Templates are paths whose segments are literals or {@code {name}} parameters, such as
 * {@code /_security/api_key/{id}}. A literal segment wins over a parameter. An unknown path gives a 400, a known
 * path with another method a 405 with {@code Allow}. A HEAD request to a path with only a GET route runs the
 * GET handler and drops the body.
 */
public final class RestController {

    private static final Logger logger = LoggerFactory.getLogger(RestController.class);

    private record Route(String template, RouteAccess access, RestHandler handler) {}

    private static final class Node {
        final Map<String, Node> literals = new LinkedHashMap<>();
        Node parameter;
        String parameterName;
        final Map<Method, Route> routes = new EnumMap<>(Method.class);
    }

    private record Match(Node node, Map<String, String> pathParams) {}

    private final Node root = new Node();
    private final AuthenticationService authenticationService;
    private final AuthorizationService authorizationService;

    /** Creates a controller that authenticates with {@code authenticationService}. */
    public RestController(AuthenticationService authenticationService, AuthorizationService authorizationService) {
        this.authenticationService = Objects.requireNonNull(authenticationService, "authenticationService");
        this.authorizationService = Objects.requireNonNull(authorizationService, "authorizationService");
    }

    /**
     * Registers a route.
     *
     * @throws IllegalArgumentException when the same method and template, or a template that differs only in a
     *     parameter name, is already registered
     */
    public synchronized void register(Method method, String pathTemplate, RouteAccess access, RestHandler handler) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        Node node = root;
        for (String segment : pathTemplate.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            node = child(node, segment, pathTemplate);
        }
        if (node.routes.containsKey(method)) {
            throw new IllegalArgumentException("route [" + method + " " + pathTemplate + "] is registered twice");
        }
        node.routes.put(method, new Route(pathTemplate, access, handler));
    }

    private static Node child(Node node, String segment, String template) {
        if (segment.startsWith("{") && segment.endsWith("}")) {
            String name = segment.substring(1, segment.length() - 1);
            if (node.parameter == null) {
                node.parameter = new Node();
                node.parameterName = name;
            } else if (!node.parameterName.equals(name)) {
                throw new IllegalArgumentException("route [" + template + "] names parameter [" + name
                        + "] where another route names it [" + node.parameterName + "]");
            }
            return node.parameter;
        }
        return node.literals.computeIfAbsent(segment, s -> new Node());
    }

    /**
     * Dispatches {@code request} and returns its response; exceptions are not rethrown. Errors become Elasticsearch error
     * responses, and unexpected ones are logged with the request id.
     */
    public RestResponse dispatch(RestRequest request) {
        boolean errorTrace = false;
        try {
            errorTrace = request.paramAsBoolean("error_trace", false);
            RestResponse response = route(request);
            return request.method() == Method.HEAD ? response.withoutBody() : response;
        } catch (ApiException | IllegalArgumentException e) {
            logger.debug(
                    "[{}] {} {} failed: {}", request.requestId(), request.method(), request.path(), e.getMessage());
            RestResponse response = RestErrors.toResponse(e, errorTrace);
            return request.method() == Method.HEAD ? response.withoutBody() : response;
        } catch (Exception e) {
            logger.error(
                    "[{}] {} {} failed with an unexpected error",
                    request.requestId(),
                    request.method(),
                    request.path(),
                    e);
            ApiException internal = ApiException.of(
                    500,
                    "exception",
                    "internal server error; see the node log for request [" + request.requestId() + "]");
            return RestErrors.toResponse(internal, false);
        }
    }

    private RestResponse route(RestRequest request) throws Exception {
        List<Match> matches = new ArrayList<>();
        collectMatches(root, request.pathSegments(), 0, new LinkedHashMap<>(), matches);
        for (Match match : matches) {
            Route route = match.node.routes.get(request.method());
            if (route == null && request.method() == Method.HEAD) {
                route = match.node.routes.get(Method.GET);
            }
            if (route != null) {
                match.pathParams.forEach(request::putPathParam);
                return invoke(route, request);
            }
        }
        if (matches.isEmpty()) {
            throw ApiException.badRequest(
                    "no handler found for uri [" + request.rawPath() + "] and method [" + request.method() + "]");
        }
        Set<Method> allowed = EnumSet.noneOf(Method.class);
        matches.forEach(match -> allowed.addAll(match.node.routes.keySet()));
        if (allowed.contains(Method.GET)) {
            allowed.add(Method.HEAD);
        }
        String allowHeader = allowed.stream().map(Enum::name).collect(Collectors.joining(","));
        throw ApiException.of(
                        405,
                        "illegal_argument_exception",
                        "Incorrect HTTP method for uri [" + request.rawPath() + "] and method [" + request.method()
                                + "], allowed: [" + allowHeader + "]")
                .withHeader("Allow", allowHeader);
    }

    private static void collectMatches(
            Node node, List<String> segments, int index, Map<String, String> params, List<Match> matches) {
        if (index == segments.size()) {
            if (!node.routes.isEmpty()) {
                matches.add(new Match(node, new LinkedHashMap<>(params)));
            }
            return;
        }
        String segment = segments.get(index);
        Node literal = node.literals.get(segment);
        if (literal != null) {
            collectMatches(literal, segments, index + 1, params, matches);
        }
        if (node.parameter != null) {
            params.put(node.parameterName, segment);
            collectMatches(node.parameter, segments, index + 1, params, matches);
            params.remove(node.parameterName);
        }
    }

    private RestResponse invoke(Route route, RestRequest request) throws Exception {
        RouteAccess access = route.access;
        if (access.authenticationRequired()) {
            Authentication authentication = authenticationService.authenticate(request);
            request.setAuthentication(authentication);
            if (access.clusterPrivilege().isPresent()) {
                String action = request.method() + " " + route.template;
                authorizationService.checkCluster(
                        authentication, access.clusterPrivilege().get(), action);
            }
        }
        return route.handler.handle(request);
    }
}
