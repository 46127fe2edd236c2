package org.certbound.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest.Method;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.security.RoleDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestControllerTest {

    private RestController controller;

    @BeforeEach
    void setUp() {
        AuthenticationService authentication = new AuthenticationService();
        authentication.addAuthenticator(request -> request.header("X-User").map(RestControllerTest::user));
        controller = new RestController(authentication, new AuthorizationService());
    }

    private static Authentication user(String name) {
        List<String> cluster = name.equals("admin") ? List.of("all") : List.of("monitor");
        return Authentication.realm(name, "file", "file")
                .roles(List.of(new RoleDescriptor(name + "_role", cluster, List.of(), List.of(), Map.of())))
                .build();
    }

    private static RestRequest request(Method method, String uri, String user) {
        RestRequest.Builder builder = RestRequest.builder(method, uri);
        if (user != null) {
            builder.header("X-User", user);
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(RestResponse response) {
        return (Map<String, Object>) ((Map<String, Object>) response.body()).get("error");
    }

    @Test
    void dispatch_literalBeatsParameter() {
        controller.register(
                Method.GET,
                "/{index}/_doc/{id}",
                RouteAccess.anonymous(),
                r -> RestResponse.ok(Map.of("index", r.param("index"), "id", r.param("id"))));
        controller.register(
                Method.GET,
                "/_security/_doc/{id}",
                RouteAccess.anonymous(),
                r -> RestResponse.ok(Map.of("literal", r.param("id"))));

        RestResponse literal = controller.dispatch(request(Method.GET, "/_security/_doc/7", null));
        RestResponse param = controller.dispatch(request(Method.GET, "/logs/_doc/a%2Fb", null));

        assertThat(literal.body()).isEqualTo(Map.of("literal", "7"));
        assertThat(param.body()).isEqualTo(Map.of("index", "logs", "id", "a/b"));
    }

    @Test
    void dispatch_unknownPathIs400() {
        RestResponse response = controller.dispatch(request(Method.GET, "/_nothing", null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(error(response).get("reason")).isEqualTo("no handler found for uri [/_nothing] and method [GET]");
    }

    @Test
    void dispatch_wrongMethodIs405WithAllow() {
        controller.register(Method.PUT, "/x", RouteAccess.anonymous(), r -> RestResponse.ok(Map.of()));

        RestResponse response = controller.dispatch(request(Method.DELETE, "/x", null));

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).containsExactly("PUT");
    }

    @Test
    void dispatch_headFallsBackToGetWithoutBody() {
        controller.register(Method.GET, "/x", RouteAccess.anonymous(), r -> RestResponse.ok(Map.of("a", 1)));

        RestResponse response = controller.dispatch(request(Method.HEAD, "/x", null));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.hasBody()).isFalse();
    }

    @Test
    void dispatch_missingCredentialsIs401() {
        controller.register(Method.GET, "/x", RouteAccess.authenticated(), r -> RestResponse.ok(Map.of()));

        RestResponse response = controller.dispatch(request(Method.GET, "/x", null));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().get("WWW-Authenticate")).hasSize(2);
    }

    @Test
    void dispatch_missingPrivilegeIs403() {
        controller.register(
                Method.PUT, "/_cluster/settings", RouteAccess.cluster("manage"), r -> RestResponse.ok(Map.of()));

        RestResponse denied = controller.dispatch(request(Method.PUT, "/_cluster/settings", "viewer"));
        RestResponse allowed = controller.dispatch(request(Method.PUT, "/_cluster/settings", "admin"));

        assertThat(denied.status()).isEqualTo(403);
        assertThat((String) error(denied).get("reason"))
                .contains("action [PUT /_cluster/settings] is unauthorized for user [viewer]")
                .contains("effective roles [viewer_role]")
                .contains("cluster privileges [all,manage]");
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void dispatch_handlerSeesAuthentication() {
        controller.register(
                Method.GET,
                "/me",
                RouteAccess.authenticated(),
                r -> RestResponse.ok(Map.of("user", r.authentication().username())));

        RestResponse response = controller.dispatch(request(Method.GET, "/me", "viewer"));

        assertThat(response.body()).isEqualTo(Map.of("user", "viewer"));
    }

    @Test
    void dispatch_exceptionsMapToStatuses() {
        controller.register(Method.GET, "/iae", RouteAccess.anonymous(), r -> {
            throw new IllegalArgumentException("bad [x]");
        });
        controller.register(Method.GET, "/api", RouteAccess.anonymous(), r -> {
            throw ApiException.notFound("index_not_found_exception", "no such index [nope]")
                    .withMetadata("index", "nope");
        });
        controller.register(Method.GET, "/boom", RouteAccess.anonymous(), r -> {
            throw new IllegalStateException("internal detail");
        });

        RestResponse iae = controller.dispatch(request(Method.GET, "/iae", null));
        RestResponse api = controller.dispatch(request(Method.GET, "/api", null));
        RestResponse boom = controller.dispatch(request(Method.GET, "/boom", null));

        assertThat(iae.status()).isEqualTo(400);
        assertThat(error(iae).get("type")).isEqualTo("illegal_argument_exception");
        assertThat(api.status()).isEqualTo(404);
        assertThat(error(api).get("index")).isEqualTo("nope");
        assertThat(error(api).get("root_cause")).asList().hasSize(1);
        assertThat(boom.status()).isEqualTo(500);
        assertThat((String) error(boom).get("reason")).doesNotContain("internal detail");
    }

    @Test
    void dispatch_errorTraceAddsStackTrace() {
        controller.register(Method.GET, "/iae", RouteAccess.anonymous(), r -> {
            throw new IllegalArgumentException("bad");
        });

        RestResponse plain = controller.dispatch(request(Method.GET, "/iae", null));
        RestResponse traced = controller.dispatch(request(Method.GET, "/iae?error_trace=true", null));

        assertThat(error(plain)).doesNotContainKey("stack_trace");
        assertThat((String) error(traced).get("stack_trace")).contains("ApiException");
    }

    @Test
    void register_duplicateRouteIsRejected() {
        controller.register(Method.GET, "/x", RouteAccess.anonymous(), r -> RestResponse.ok(Map.of()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        controller.register(Method.GET, "/x", RouteAccess.anonymous(), r -> RestResponse.ok(Map.of())))
                .hasMessageContaining("registered twice");
        assertThat(Optional.empty()).isEmpty();
    }
}
