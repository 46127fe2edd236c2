package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
    private static final String IDENTITY = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    private final MutableClock clock = new MutableClock();
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();
    private final ApiKeyCache cache =
            new ApiKeyCache(Duration.ofMinutes(5), Duration.ofHours(24), 1000, new SecureRandom());
    private final ApiKeyService service = new ApiKeyService(
            store,
            cache,
            new ApiKeyHasher(ApiKeyHasher.Algorithm.SSHA256, new SecureRandom()),
            new ApiKeyGenerator(new SecureRandom()),
            clock);
    private final ApiKeyAuthenticationService authentication = new ApiKeyAuthenticationService(store, cache, clock);
    private final ApiKeyFinder finder = new ApiKeyFinder(store, clock);
    private final ApiKeyInvalidator invalidator = new ApiKeyInvalidator(store, cache, finder, clock);

    private static ApiKeyCaller user(String name, String... privileges) {
        ObjectNode roles = JsonNodeFactory.instance.objectNode();
        roles.putObject("role_of_" + name).putArray("cluster").add("all");
        Set<String> granted = Set.of(privileges);
        return new ApiKeyCaller(new ApiKeyDocument.Owner(name, "file1", "file"), null, roles, granted::contains);
    }

    private static ApiKeyCaller viaApiKey(ApiKeyCaller user) {
        return new ApiKeyCaller(user.owner(), "parentKey", user.roleDescriptors(), user.clusterPrivilege());
    }

    private final ApiKeyCaller admin = user("admin", "manage_security", "manage_api_key", "manage_own_api_key");

    private CreatedApiKey crossCluster(String body) {
        return service.createCrossClusterKey(admin, CreateCrossClusterApiKeyRequest.parse(Json.parse(body)));
    }

    private CreatedApiKey defaultCrossCluster() {
        return crossCluster("{'name':'rc','access':{'search':[{'names':['logs-*']}]},'certificate_identity':'"
                + IDENTITY.replace("\\", "\\\\") + "'}");
    }

    private boolean update(String id, String body) {
        return service.updateCrossClusterKey(admin, id, UpdateCrossClusterApiKeyRequest.parse(Json.parse(body)));
    }

    @Test
    void createCrossCluster_authenticates_withIdentityAndRole() {
        CreatedApiKey created = defaultCrossCluster();

        CrossClusterApiKey key = authentication.authenticateCrossCluster(created.unsafeEncoded());

        assertThat(key.id()).isEqualTo(created.id());
        assertThat(key.certificateIdentity()).contains(IDENTITY);
        assertThat(key.identityPattern().orElseThrow().pattern()).isEqualTo(IDENTITY);
        assertThat(key.roleDescriptor().get("cluster").toString()).contains("cross_cluster_search");
    }

    @Test
    void store_keepsHashOnly() {
        CreatedApiKey created = defaultCrossCluster();

        String stored = store.storedJson(created.id());

        assertThat(stored).doesNotContain(new String(created.unsafeSecret()));
        assertThat(stored).contains("{SSHA256}");
        assertThat(stored).contains("\"limited_by_role_descriptors\":{}");
    }

    @Test
    void authenticateCrossCluster_repeated_readsStoreOnce() {
        CreatedApiKey created = defaultCrossCluster();
        authentication.authenticateCrossCluster(created.unsafeEncoded());
        int reads = store.reads.get();

        authentication.authenticateCrossCluster(created.unsafeEncoded());
        authentication.authenticateCrossCluster(created.unsafeEncoded());

        assertThat(store.reads.get()).isEqualTo(reads);
    }

    @Test
    void authenticateCrossCluster_restKey_rejectedNamingTypes() {
        CreatedApiKey rest = service.createRestKey(admin, CreateApiKeyRequest.parse(Json.parse("{'name':'r'}")));

        assertThatThrownBy(() -> authentication.authenticateCrossCluster(rest.unsafeEncoded()))
                .hasMessageContaining("[" + rest.id() + "]")
                .hasMessageContaining("type [rest] but type [cross_cluster] is required")
                .hasMessageNotContaining(new String(rest.unsafeSecret()));
    }

    @Test
    void authenticate_shortSecret_genericReason() {
        CreatedApiKey created = defaultCrossCluster();
        char[] shortSecret = ApiKeyGenerator.encode(created.id(), "short".toCharArray());

        assertThatThrownBy(() -> authentication.authenticateCrossCluster(shortSecret))
                .hasMessage("unable to authenticate with the provided credentials for API key [" + created.id()
                        + "]; the id is unknown or the secret is wrong")
                .hasMessageNotContaining(String.valueOf(ApiKeyCredentials.SECRET_LENGTH));
    }

    @Test
    void authenticateRest_crossClusterKey_rejected() {
        CreatedApiKey created = defaultCrossCluster();

        assertThatThrownBy(() ->
                        authentication.authenticate(ApiKeyCredentials.decode(created.unsafeEncoded()), ApiKeyType.REST))
                .hasMessageContaining("valid only on the remote cluster port");
    }

    @Test
    void authenticateCrossCluster_wrongSecret_sameReasonAsUnknownId() {
        CreatedApiKey created = defaultCrossCluster();
        char[] wrong = ApiKeyGenerator.encode(created.id(), "0123456789012345678901".toCharArray());
        char[] unknown = ApiKeyGenerator.encode("nope", "0123456789012345678901".toCharArray());

        assertThatThrownBy(() -> authentication.authenticateCrossCluster(wrong))
                .hasMessageContaining("the id is unknown or the secret is wrong");
        assertThatThrownBy(() -> authentication.authenticateCrossCluster(unknown))
                .hasMessageContaining("the id is unknown or the secret is wrong");
    }

    @Test
    void authenticateCrossCluster_wrongSecretAfterCachedSuccess_rejected() {
        CreatedApiKey created = defaultCrossCluster();
        authentication.authenticateCrossCluster(created.unsafeEncoded());
        char[] wrong = ApiKeyGenerator.encode(created.id(), "0123456789012345678901".toCharArray());

        assertThatThrownBy(() -> authentication.authenticateCrossCluster(wrong))
                .hasMessageContaining("secret is wrong");
    }

    @Test
    void invalidate_nextAuthenticationFails_evenWhenCached() {
        CreatedApiKey created = defaultCrossCluster();
        authentication.authenticateCrossCluster(created.unsafeEncoded());

        var result = invalidator.invalidate(
                admin, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + created.id() + "']}")));

        assertThat(result.invalidated()).containsExactly(created.id());
        assertThatThrownBy(() -> authentication.authenticateCrossCluster(created.unsafeEncoded()))
                .hasMessageContaining("API key [" + created.id() + "] is invalidated");
    }

    @Test
    void invalidate_twice_reportsPreviouslyInvalidated() {
        CreatedApiKey created = defaultCrossCluster();
        var request = InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + created.id() + "']}"));
        invalidator.invalidate(admin, request);

        var second = invalidator.invalidate(admin, request);

        assertThat(second.invalidated()).isEmpty();
        assertThat(second.previouslyInvalidated()).containsExactly(created.id());
    }

    @Test
    void invalidate_crossClusterWithoutManageSecurity_reportedAsError() {
        CreatedApiKey created = defaultCrossCluster();
        ApiKeyCaller apiKeyAdmin = user("admin", "manage_api_key", "manage_own_api_key");

        var result = invalidator.invalidate(
                apiKeyAdmin, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + created.id() + "']}")));

        assertThat(result.invalidated()).isEmpty();
        assertThat(result.errors()).containsKey(created.id());
        assertThat(authentication
                        .authenticateCrossCluster(created.unsafeEncoded())
                        .id())
                .isEqualTo(created.id());
    }

    @Test
    void invalidate_byApiKey_onlyOwnKeys() {
        ApiKeyCaller alice = user("alice", "manage_own_api_key");
        CreatedApiKey narrow = service.createRestKey(alice, CreateApiKeyRequest.parse(Json.parse("{'name':'narrow'}")));
        CreatedApiKey victim = service.createRestKey(alice, CreateApiKeyRequest.parse(Json.parse("{'name':'victim'}")));
        ApiKeyCaller viaNarrow =
                new ApiKeyCaller(alice.owner(), narrow.id(), alice.roleDescriptors(), alice.clusterPrivilege());

        var listed = finder.get(viaNarrow, new GetApiKeyRequest(null, null, null, null, true, false));
        assertThatThrownBy(() -> invalidator.invalidate(
                        viaNarrow, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + victim.id() + "']}"))))
                .hasMessageContaining("no API key found for ids [" + victim.id() + "]");
        var own = invalidator.invalidate(
                viaNarrow, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + narrow.id() + "']}")));

        assertThat(listed).extracting(ApiKeyDocument::id).containsExactly(narrow.id());
        assertThat(own.invalidated()).containsExactly(narrow.id());
        assertThat(finder.get(alice, new GetApiKeyRequest(victim.id(), null, null, null, false, true)))
                .hasSize(1);
    }

    @Test
    void invalidate_unknownIds_notFound() {
        assertThatThrownBy(() ->
                        invalidator.invalidate(admin, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['missing']}"))))
                .hasMessageContaining("no API key found for ids [missing]");
    }

    @Test
    void expiry_nextAuthenticationFails() {
        CreatedApiKey created = crossCluster("{'name':'rc','access':{'search':[{'names':['a']}]},'expiration':'1h'}");
        authentication.authenticateCrossCluster(created.unsafeEncoded());

        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> authentication.authenticateCrossCluster(created.unsafeEncoded()))
                .hasMessageContaining("has expired");
    }

    @Test
    void update_accessOnly_keepsIdentity() {
        CreatedApiKey created = defaultCrossCluster();

        boolean updated = update(created.id(), "{'access':{'search':[{'names':['logs-*','metrics-*']}]}}");

        assertThat(updated).isTrue();
        assertThat(authentication
                        .authenticateCrossCluster(created.unsafeEncoded())
                        .certificateIdentity())
                .contains(IDENTITY);
    }

    @Test
    void update_sameBodyTwice_secondIsNoop() {
        CreatedApiKey created = defaultCrossCluster();
        String body = "{'access':{'search':[{'names':['logs-*','metrics-*']}]}}";
        update(created.id(), body);

        assertThat(update(created.id(), body)).isFalse();
    }

    @Test
    void update_getShapeSentBack_isNoop() {
        CreatedApiKey created = crossCluster(
                "{'name':'rc','access':{'search':[{'names':['logs-*']," + "'query':{'term':{'tenant':'t1'}}}]}}");
        ObjectNode access = store.get(created.id()).orElseThrow().document().access();

        boolean updated = update(created.id(), "{'access':" + access + "}");

        assertThat(updated).isFalse();
    }

    @Test
    void update_nullIdentity_removes_andStringReplaces() {
        CreatedApiKey created = defaultCrossCluster();
        authentication.authenticateCrossCluster(created.unsafeEncoded());

        assertThat(update(created.id(), "{'certificate_identity':null}")).isTrue();
        assertThat(authentication
                        .authenticateCrossCluster(created.unsafeEncoded())
                        .certificateIdentity())
                .isEmpty();

        assertThat(update(created.id(), "{'certificate_identity':'CN=node-2'}")).isTrue();
        assertThat(authentication
                        .authenticateCrossCluster(created.unsafeEncoded())
                        .identityPattern()
                        .orElseThrow()
                        .pattern())
                .isEqualTo("CN=node-2");
    }

    @Test
    void update_restKeyThroughCrossClusterApi_rejectedNamingType() {
        CreatedApiKey rest = service.createRestKey(admin, CreateApiKeyRequest.parse(Json.parse("{'name':'r'}")));

        assertThatThrownBy(() -> update(rest.id(), "{'metadata':{}}"))
                .hasMessageContaining("is of type [rest] but this API updates type [cross_cluster]");
    }

    @Test
    void update_otherOwner_notFound() {
        CreatedApiKey created = defaultCrossCluster();
        ApiKeyCaller other = user("other", "manage_security");

        assertThatThrownBy(() -> service.updateCrossClusterKey(
                        other, created.id(), UpdateCrossClusterApiKeyRequest.parse(Json.parse("{'metadata':{}}"))))
                .hasMessageContaining("no API key owned by the requesting user");
    }

    @Test
    void update_invalidatedKey_rejected() {
        CreatedApiKey created = defaultCrossCluster();
        invalidator.invalidate(admin, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + created.id() + "']}")));

        assertThatThrownBy(() -> update(created.id(), "{'metadata':{'a':1}}")).hasMessageContaining("invalidated");
    }

    @Test
    void createCrossCluster_byApiKey_rejected() {
        assertThatThrownBy(() -> service.createCrossClusterKey(
                        viaApiKey(admin),
                        CreateCrossClusterApiKeyRequest.parse(
                                Json.parse("{'name':'rc','access':{'search':[{'names':['a']}]}}"))))
                .hasMessageContaining("an API key cannot create cross-cluster API keys");
    }

    @Test
    void createRest_byApiKeyWithPrivileges_rejected() {
        assertThatThrownBy(() -> service.createRestKey(
                        viaApiKey(admin),
                        CreateApiKeyRequest.parse(
                                Json.parse("{'name':'d','role_descriptors':{'r':{'cluster':['all']}}}"))))
                .hasMessageContaining("derived API key");
        CreatedApiKey derived = service.createRestKey(
                viaApiKey(admin), CreateApiKeyRequest.parse(Json.parse("{'name':'d','role_descriptors':{}}")));
        assertThat(derived.id()).isNotBlank();
    }

    @Test
    void createRest_byApiKey_storedAsDerivedFromTheCreatingKey() {
        CreatedApiKey derived = service.createRestKey(
                viaApiKey(admin), CreateApiKeyRequest.parse(Json.parse("{'name':'d','role_descriptors':{}}")));

        ApiKeyDocument stored = store.get(derived.id()).orElseThrow().document();
        assertThat(stored.derivedFrom()).isEqualTo("parentKey");
        assertThat(stored.toStoredJson()).contains("\"derived_from_api_key\":\"parentKey\"");
        assertThat(ApiKeyDocument.fromStoredJson(stored.id(), stored.toStoredJson())
                        .derived())
                .isTrue();
        assertThat(stored.roleDescriptors().isEmpty()).isTrue();
    }

    @Test
    void createRest_byUser_notDerived() {
        CreatedApiKey rest = service.createRestKey(admin, CreateApiKeyRequest.parse(Json.parse("{'name':'r'}")));

        ApiKeyDocument stored = store.get(rest.id()).orElseThrow().document();
        assertThat(stored.derived()).isFalse();
        assertThat(stored.toStoredJson()).doesNotContain("derived_from_api_key");
    }

    @Test
    void authenticateRest_derivedKey_carriesDerivedDocument() {
        CreatedApiKey derived = service.createRestKey(
                viaApiKey(admin), CreateApiKeyRequest.parse(Json.parse("{'name':'d','role_descriptors':{}}")));

        try (ApiKeyCredentials credentials = ApiKeyCredentials.decode(derived.unsafeEncoded())) {
            AuthenticatedApiKey key = authentication.authenticate(credentials, ApiKeyType.REST);

            assertThat(key.document().derived()).isTrue();
            assertThat(key.roles()).isEmpty();
        }
    }

    @Test
    void updateRest_derivedKeyByOwner_staysDerived() {
        CreatedApiKey derived = service.createRestKey(
                viaApiKey(admin), CreateApiKeyRequest.parse(Json.parse("{'name':'d','role_descriptors':{}}")));

        boolean updated = service.updateRestKey(
                admin, derived.id(), UpdateApiKeyRequest.parse(Json.parse("{'metadata':{'team':'a'}}")));

        assertThat(updated).isTrue();
        assertThat(store.get(derived.id()).orElseThrow().document().derivedFrom())
                .isEqualTo("parentKey");
    }

    @Test
    void createRest_storesOwnerRolesAsLimitedBy() {
        CreatedApiKey rest = service.createRestKey(admin, CreateApiKeyRequest.parse(Json.parse("{'name':'r'}")));

        assertThat(store.get(rest.id()).orElseThrow().document().limitedBy().has("role_of_admin"))
                .isTrue();
    }

    @Test
    void updateRest_ownerRolesChanged_updated() {
        CreatedApiKey rest = service.createRestKey(admin, CreateApiKeyRequest.parse(Json.parse("{'name':'r'}")));
        ApiKeyCaller sameUserNewRoles = new ApiKeyCaller(
                admin.owner(), null, (ObjectNode) Json.parse("{'new_role':{}}"), admin.clusterPrivilege());

        assertThat(service.updateRestKey(admin, rest.id(), UpdateApiKeyRequest.parse(null)))
                .isFalse();
        assertThat(service.updateRestKey(sameUserNewRoles, rest.id(), UpdateApiKeyRequest.parse(null)))
                .isTrue();
    }

    @Test
    void finder_ownKeysOnlyWithoutManageApiKey() {
        defaultCrossCluster();
        ApiKeyCaller bob = user("bob", "manage_own_api_key");
        service.createRestKey(bob, CreateApiKeyRequest.parse(Json.parse("{'name':'bobs'}")));

        var visible = finder.get(bob, new GetApiKeyRequest(null, null, null, null, false, false));

        assertThat(visible).extracting(ApiKeyDocument::name).containsExactly("bobs");
        assertThatThrownBy(() -> finder.get(bob, new GetApiKeyRequest(null, null, "admin", null, false, false)))
                .hasMessageContaining("may only manage their own API keys");
    }

    @Test
    void finder_namePrefixAndActiveOnly() {
        defaultCrossCluster();
        CreatedApiKey second = crossCluster("{'name':'rc-2','access':{'search':[{'names':['a']}]}}");
        invalidator.invalidate(admin, InvalidateApiKeyRequest.parse(Json.parse("{'ids':['" + second.id() + "']}")));

        assertThat(finder.get(admin, new GetApiKeyRequest(null, "rc*", null, null, false, false)))
                .hasSize(2);
        assertThat(finder.get(admin, new GetApiKeyRequest(null, "rc*", null, null, false, true)))
                .hasSize(1);
        assertThatThrownBy(() -> finder.get(admin, new GetApiKeyRequest("missing", null, null, null, false, false)))
                .hasMessageContaining("API key [missing] not found");
    }
}
