package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestRequest.Method;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.settings.Settings;
import org.certbound.server.store.H2StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key routes through the node's REST controller, over the H2 state store, with a stand-in realm that
 * authenticates the {@code X-Test-User} header as a superuser or as a user with {@code monitor} only.
 */
class RestApiKeyActionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String IDENTITY_JSON = "CN=node-1\\\\.example\\\\.com,OU=Search,O=Example";
    private static final String IDENTITY = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    @TempDir
    Path data;

    private H2StateStore store;
    private RestController controller;
    private ApiKeyAuthenticationService authentication;

    @BeforeEach
    void startNode() {
        store = H2StateStore.open(data);
        AuthenticationService authenticationService = new AuthenticationService();
        authenticationService.addAuthenticator(RestApiKeyActionsTest::testRealm);
        AuthorizationService authorization = new AuthorizationService();
        controller = new RestController(authenticationService, authorization);
        authentication = ApiKeyFeature.wire(
                Settings.EMPTY, store, authorization, controller, authenticationService::addAuthenticator);
    }

    @AfterEach
    void stopNode() {
        store.close();
    }

    private static Optional<Authentication> testRealm(RestRequest request) {
        return request.header("X-Test-User")
                .map(user -> Authentication.realm(user, "file1", "file")
                        .roles(
                                user.equals("admin")
                                        ? List.of(RoleDescriptor.SUPERUSER)
                                        : List.of(new RoleDescriptor(
                                                "monitor_only", List.of("monitor"), null, null, null)))
                        .build());
    }

    private RestResponse send(Method method, String uri, String user, String body) {
        RestRequest.Builder builder = RestRequest.builder(method, uri).header("X-Test-User", user);
        if (body != null) {
            builder.content(body.replace('\'', '"'));
        }
        return controller.dispatch(builder.build());
    }

    private RestResponse sendWithKey(Method method, String uri, String encoded) {
        return controller.dispatch(RestRequest.builder(method, uri)
                .header("Authorization", "ApiKey " + encoded)
                .build());
    }

    private static JsonNode json(RestResponse response) {
        return MAPPER.valueToTree(response.body());
    }

    private JsonNode createCrossClusterKey() {
        RestResponse response = send(
                Method.POST,
                "/_security/cross_cluster/api_key",
                "admin",
                "{'name':'rc','access':{'search':[{'names':['logs-*']}]},'certificate_identity':'" + IDENTITY_JSON
                        + "'}");
        assertThat(response.status()).isEqualTo(200);
        return json(response);
    }

    @Test
    void createCrossCluster_getReturnsIdentityExactly() {
        JsonNode created = createCrossClusterKey();

        JsonNode got = json(
                send(Method.GET, "/_security/api_key?id=" + created.get("id").textValue(), "admin", null));

        assertThat(created.get("api_key").textValue()).hasSize(22);
        assertThat(got.at("/api_keys/0/certificate_identity").textValue()).isEqualTo(IDENTITY);
        assertThat(got.at("/api_keys/0/type").textValue()).isEqualTo("cross_cluster");
    }

    @Test
    void createCrossCluster_unknownField_parseError() {
        RestResponse response = send(
                Method.POST,
                "/_security/cross_cluster/api_key",
                "admin",
                "{'name':'rc','access':{'search':[{'names':['a']}]},'colour':'red'}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/type").textValue()).isEqualTo("x_content_parse_exception");
        assertThat(json(response).at("/error/reason").textValue()).contains("unknown field [colour]");
    }

    @Test
    void createCrossCluster_badEscape_rejected() {
        RestResponse response = controller.dispatch(RestRequest.builder(Method.POST, "/_security/cross_cluster/api_key")
                .header("X-Test-User", "admin")
                .content("{\"name\":\"rc\",\"access\":{\"search\":[{\"names\":[\"a\"]}]},"
                        + "\"certificate_identity\":\"CN=node-1\\.example\\.com\"}")
                .build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/type").textValue()).isEqualTo("x_content_parse_exception");
        assertThat(store.list(ApiKeyStore.COLLECTION)).isEmpty();
    }

    @Test
    void createCrossCluster_withoutManageSecurity_forbidden() {
        RestResponse response = send(
                Method.POST,
                "/_security/cross_cluster/api_key",
                "viewer",
                "{'name':'rc','access':{'search':[{'names':['a']}]}}");

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void createRestKey_withCertificateIdentity_badRequest() {
        RestResponse response =
                send(Method.POST, "/_security/api_key", "admin", "{'name':'r','certificate_identity':'CN=a'}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/reason").textValue()).contains("only valid for cross-cluster API keys");
    }

    @Test
    void restKey_authenticatesOnHttpPort_untilInvalidated() {
        JsonNode created = json(send(Method.POST, "/_security/api_key", "admin", "{'name':'r'}"));
        String encoded = created.get("encoded").textValue();

        assertThat(sendWithKey(Method.GET, "/_security/api_key?owner=true", encoded)
                        .status())
                .isEqualTo(200);

        send(
                Method.DELETE,
                "/_security/api_key",
                "admin",
                "{'ids':['" + created.get("id").textValue() + "']}");
        RestResponse after = sendWithKey(Method.GET, "/_security/api_key?owner=true", encoded);
        assertThat(after.status()).isEqualTo(401);
        assertThat(json(after).at("/error/reason").textValue()).contains("is invalidated");
    }

    @Test
    void crossClusterKey_onHttpPort_unauthorized() {
        String encoded = createCrossClusterKey().get("encoded").textValue();

        RestResponse response = sendWithKey(Method.GET, "/_security/api_key", encoded);

        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).at("/error/reason").textValue()).contains("valid only on the remote cluster port");
    }

    @Test
    void apiKey_cannotCreateCrossClusterKey() {
        String encoded = json(send(Method.POST, "/_security/api_key", "admin", "{'name':'r'}"))
                .get("encoded")
                .textValue();

        RestResponse response = controller.dispatch(RestRequest.builder(Method.POST, "/_security/cross_cluster/api_key")
                .header("Authorization", "ApiKey " + encoded)
                .content("{\"name\":\"rc\",\"access\":{\"search\":[{\"names\":[\"a\"]}]}}")
                .build());

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).at("/error/reason").textValue()).contains("an API key cannot create");
    }

    @Test
    void update_explicitNullIdentity_removesIt() {
        String id = createCrossClusterKey().get("id").textValue();

        RestResponse response =
                send(Method.PUT, "/_security/cross_cluster/api_key/" + id, "admin", "{'certificate_identity':null}");

        assertThat(json(response).get("updated").booleanValue()).isTrue();
        JsonNode got = json(send(Method.GET, "/_security/api_key?id=" + id, "admin", null));
        assertThat(got.at("/api_keys/0").has("certificate_identity")).isFalse();
    }

    @Test
    void update_unknownId_notFound() {
        RestResponse response = send(Method.PUT, "/_security/cross_cluster/api_key/nope", "admin", "{'metadata':{}}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(json(response).at("/error/type").textValue()).isEqualTo("resource_not_found_exception");
    }

    @Test
    void query_byType_returnsTotalAndCount() {
        createCrossClusterKey();
        send(Method.POST, "/_security/api_key", "admin", "{'name':'r'}");

        JsonNode page = json(send(
                Method.POST,
                "/_security/_query/api_key",
                "admin",
                "{'query':{'term':{'type':'cross_cluster'}},'sort':['name']}"));

        assertThat(page.get("total").intValue()).isEqualTo(1);
        assertThat(page.get("count").intValue()).isEqualTo(1);
        assertThat(page.at("/api_keys/0/_sort/0").textValue()).isEqualTo("rc");
    }

    @Test
    void restart_keepsKeys() {
        JsonNode created = createCrossClusterKey();
        stopNode();

        startNode();
        CrossClusterApiKey key = authentication.authenticateCrossCluster(
                created.get("encoded").textValue().toCharArray());

        assertThat(key.id()).isEqualTo(created.get("id").textValue());
        assertThat(key.certificateIdentity()).contains(IDENTITY);
        assertThat(key.roleDescriptors()).extracting(RoleDescriptor::name).containsExactly("cross_cluster");
    }
}
