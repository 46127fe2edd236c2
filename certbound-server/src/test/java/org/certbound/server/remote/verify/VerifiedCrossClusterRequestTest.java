package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.certbound.server.security.FieldSecurity;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.junit.jupiter.api.Test;

class VerifiedCrossClusterRequestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SEARCH = "indices:data/read/search";
    private static final List<String> KEY_PRIVILEGES = List.of("read", "read_cross_cluster", "view_index_metadata");

    @Test
    void indexAccess_prefixPattern_matchesOnlyThePrefix() {
        VerifiedCrossClusterRequest request = request(key("logs-*"), user("*"));

        assertThat(request.authorizedIndices(SEARCH, List.of("logs-2026.01", "app-logs-1", "logs", "metrics-1")))
                .containsExactly("logs-2026.01");
    }

    @Test
    void indexAccess_restrictedIndex_needsAllowRestrictedIndices() {
        VerifiedCrossClusterRequest plain = request(key("*"), user("*"));
        IndicesPrivileges restricted = new IndicesPrivileges(List.of("*"), KEY_PRIVILEGES, null, null, true);
        IndicesPrivileges userRestricted = new IndicesPrivileges(List.of("*"), List.of("read"), null, null, true);
        VerifiedCrossClusterRequest allowed = request(restricted, userRestricted);

        assertThat(plain.indexAccess(SEARCH, ".security-7")).isEmpty();
        assertThat(plain.indexAccess(SEARCH, "logs")).isPresent();
        assertThat(allowed.indexAccess(SEARCH, ".security-7")).isPresent();
    }

    @Test
    void indexAccess_userWithoutRemotePrivileges_denied() {
        VerifiedCrossClusterRequest request = new VerifiedCrossClusterRequest(
                "k", "n", "alice", "file", null, List.of(role(key("*"))), List.of(List.of()));

        assertThat(request.indexAccess(SEARCH, "logs")).isEmpty();
    }

    @Test
    void indexAccess_userPrivilegeWithoutSearch_denied() {
        IndicesPrivileges monitorOnly = new IndicesPrivileges(List.of("*"), List.of("monitor"), null, null, false);

        assertThat(request(key("*"), monitorOnly).indexAccess(SEARCH, "logs")).isEmpty();
    }

    @Test
    void indexAccess_queriesOnBothLevels_documentMustMatchBoth() throws Exception {
        JsonNode tenant = MAPPER.readTree("{\"term\":{\"tenant\":\"t1\"}}");
        JsonNode region = MAPPER.readTree("{\"term\":{\"region\":\"eu\"}}");
        IndicesPrivileges keyEntry = new IndicesPrivileges(List.of("logs-*"), KEY_PRIVILEGES, tenant, null, false);
        IndicesPrivileges userEntry = new IndicesPrivileges(List.of("logs-*"), List.of("read"), region, null, false);

        IndexAccessControl access =
                request(keyEntry, userEntry).indexAccess(SEARCH, "logs-1").orElseThrow();

        assertThat(access.hasDocumentLevelSecurity()).isTrue();
        JsonNode filters = access.documentQuery().orElseThrow().path("bool").path("filter");
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0).path("bool").path("should").get(0)).isEqualTo(tenant);
        assertThat(filters.get(1).path("bool").path("should").get(0)).isEqualTo(region);
    }

    @Test
    void indexAccess_oneEntryWithoutQuery_liftsThatLevelsRestriction() throws Exception {
        JsonNode tenant = MAPPER.readTree("{\"term\":{\"tenant\":\"t1\"}}");
        IndicesPrivileges filtered = new IndicesPrivileges(List.of("logs-*"), List.of("read"), tenant, null, false);
        IndicesPrivileges open = new IndicesPrivileges(List.of("logs-1"), List.of("read"), null, null, false);
        VerifiedCrossClusterRequest request = new VerifiedCrossClusterRequest(
                "k", "n", "alice", "file", null, List.of(role(key("*"))), List.of(List.of(role(filtered, open))));

        assertThat(request.indexAccess(SEARCH, "logs-1").orElseThrow().hasDocumentLevelSecurity())
                .isFalse();
        assertThat(request.indexAccess(SEARCH, "logs-2").orElseThrow().hasDocumentLevelSecurity())
                .isTrue();
    }

    @Test
    void indexAccess_queryStoredAsString_isParsed() {
        IndicesPrivileges keyEntry = new IndicesPrivileges(
                List.of("logs-*"),
                KEY_PRIVILEGES,
                MAPPER.getNodeFactory().textNode("{\"term\":{\"t\":1}}"),
                null,
                false);

        IndexAccessControl access =
                request(keyEntry, user("*")).indexAccess(SEARCH, "logs-1").orElseThrow();

        assertThat(access.documentQuery().orElseThrow().toString()).contains("{\"term\":{\"t\":1}}");
    }

    @Test
    void isFieldAllowed_grantsOnBothLevels_intersect() {
        IndicesPrivileges keyEntry = new IndicesPrivileges(
                List.of("logs-*"),
                KEY_PRIVILEGES,
                null,
                new FieldSecurity(List.of("user.*", "message"), List.of("user.password")),
                false);
        IndicesPrivileges userEntry = new IndicesPrivileges(
                List.of("logs-*"), List.of("read"), null, new FieldSecurity(List.of("user.*"), List.of()), false);

        IndexAccessControl access =
                request(keyEntry, userEntry).indexAccess(SEARCH, "logs-1").orElseThrow();

        assertThat(access.hasFieldLevelSecurity()).isTrue();
        assertThat(access.isFieldAllowed("user.name")).isTrue();
        assertThat(access.isFieldAllowed("user.password")).isFalse();
        assertThat(access.isFieldAllowed("message")).isFalse();
        assertThat(access.isFieldAllowed("_id")).isTrue();
    }

    @Test
    void indexAccess_resolveAndFieldCaps_grantedBySearchPrivileges() {
        VerifiedCrossClusterRequest request = request(key("logs-*"), user("logs-*"));

        assertThat(request.indexAccess("indices:admin/resolve/index", "logs-1")).isPresent();
        assertThat(request.indexAccess("indices:data/read/field_caps", "logs-1"))
                .isPresent();
        assertThat(request.indexAccess("indices:data/write/index", "logs-1")).isEmpty();
    }

    @Test
    void indexAccess_keySetAllowsButOwnerSetDoesNot_denied() {
        VerifiedCrossClusterRequest request = apiKeyRequest(
                List.of(named("narrow", user("logs-*", "audit-*"))), List.of(named("owner_role", user("logs-*"))));

        assertThat(request.indexAccess(SEARCH, "logs-1")).isPresent();
        assertThat(request.indexAccess(SEARCH, "audit-1")).isEmpty();
        assertThat(request.authorizedIndices(SEARCH, List.of("logs-1", "audit-1", "metrics-1")))
                .containsExactly("logs-1");
    }

    @Test
    void indexAccess_emptyUserSet_deniesEveryIndex() {
        VerifiedCrossClusterRequest request = apiKeyRequest(List.of(), List.of(named("owner_role", user("*"))));

        assertThat(request.indexAccess(SEARCH, "logs-1")).isEmpty();
    }

    @Test
    void authorize_ownerSetDenies_namesTheOwnersRoles() {
        VerifiedCrossClusterRequest request = apiKeyRequest(
                List.of(named("narrow", user("logs-*", "audit-*"))), List.of(named("owner_role", user("logs-*"))));

        assertThatThrownBy(() -> request.authorize(SEARCH, "audit-1"))
                .isInstanceOfSatisfying(CrossClusterAccessException.class, e -> {
                    assertThat(e.code()).isEqualTo(FailureCodes.UNAUTHORIZED_INDEX);
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.peerReason())
                            .contains("on index [audit-1] is unauthorized for user [owner]")
                            .contains("the querying API key owner's roles (role_descriptors[1] of the subject info,"
                                    + " roles [owner_role])")
                            .contains("every role descriptor set of the user must grant it");
                });
    }

    @Test
    void authorize_keysOwnSetDenies_namesTheKeysRoles() {
        VerifiedCrossClusterRequest request = apiKeyRequest(
                List.of(named("narrow", user("logs-*"))), List.of(named("owner_role", user("logs-*", "audit-*"))));

        assertThatThrownBy(() -> request.authorize(SEARCH, "audit-1"))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.peerReason())
                                .contains(
                                        "the querying API key's own role descriptors (role_descriptors[0] of the subject"
                                                + " info, roles [narrow])")
                                .doesNotContain("owner_role"));
    }

    @Test
    void authorize_crossClusterKeyDenies_namesTheKeyBeforeAnySet() {
        VerifiedCrossClusterRequest request =
                apiKeyRequest(key("logs-*"), List.of(named("narrow", user("*"))), List.of());

        assertThatThrownBy(() -> request.authorize(SEARCH, "audit-1"))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.peerReason()).contains("is unauthorized for API key [k]"));
    }

    @Test
    void authorize_realmUserWithTwoSets_namesTheSetByPosition() {
        VerifiedCrossClusterRequest request = new VerifiedCrossClusterRequest(
                "k",
                "n",
                "alice",
                "file1",
                null,
                List.of(role(key("*"))),
                List.of(List.of(named("a", user("*"))), List.of(named("b", user("logs-*")))));

        assertThatThrownBy(() -> request.authorize(SEARCH, "audit-1"))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.peerReason())
                                .contains(
                                        "by role descriptor set [1] (role_descriptors[1] of the subject info, roles [b])"));
    }

    @Test
    void isFieldAllowed_fieldHiddenByOneSet_isHidden() {
        IndicesPrivileges keyOwn = new IndicesPrivileges(
                List.of("logs-*"),
                List.of("read"),
                null,
                new FieldSecurity(List.of("message", "tenant", "region"), List.of()),
                false);
        IndicesPrivileges owner = new IndicesPrivileges(
                List.of("logs-*"), List.of("read"), null, new FieldSecurity(List.of("*"), List.of("region")), false);
        VerifiedCrossClusterRequest request =
                apiKeyRequest(List.of(named("narrow", keyOwn)), List.of(named("owner_role", owner)));

        IndexAccessControl access = request.indexAccess(SEARCH, "logs-1").orElseThrow();

        assertThat(access.fieldSecurityLevels()).hasSize(2);
        assertThat(access.isFieldAllowed("message")).isTrue();
        assertThat(access.isFieldAllowed("tenant")).isTrue();
        assertThat(access.isFieldAllowed("region"))
                .as("hidden by the owner's set")
                .isFalse();
        assertThat(access.isFieldAllowed("owner_note"))
                .as("hidden by the key's own set")
                .isFalse();
        assertThat(access.isFieldAllowed("_id")).isTrue();
    }

    @Test
    void documentQuery_queryFromEachLevel_allApplyInOrder() throws Exception {
        JsonNode keyQuery = MAPPER.readTree("{\"term\":{\"cluster\":\"c1\"}}");
        JsonNode ownQuery = MAPPER.readTree("{\"term\":{\"tenant\":\"t1\"}}");
        JsonNode ownerQuery = MAPPER.readTree("{\"term\":{\"region\":\"eu\"}}");
        IndicesPrivileges keyEntry = new IndicesPrivileges(List.of("logs-*"), KEY_PRIVILEGES, keyQuery, null, false);
        IndicesPrivileges ownEntry = new IndicesPrivileges(List.of("logs-*"), List.of("read"), ownQuery, null, false);
        IndicesPrivileges ownerEntry =
                new IndicesPrivileges(List.of("logs-*"), List.of("read"), ownerQuery, null, false);
        VerifiedCrossClusterRequest request =
                apiKeyRequest(keyEntry, List.of(named("narrow", ownEntry)), List.of(named("owner_role", ownerEntry)));

        IndexAccessControl access = request.indexAccess(SEARCH, "logs-1").orElseThrow();

        JsonNode filters = access.documentQuery().orElseThrow().path("bool").path("filter");
        assertThat(filters).hasSize(3);
        assertThat(filters.get(0).path("bool").path("should").get(0)).isEqualTo(keyQuery);
        assertThat(filters.get(1).path("bool").path("should").get(0)).isEqualTo(ownQuery);
        assertThat(filters.get(2).path("bool").path("should").get(0)).isEqualTo(ownerQuery);
    }

    @Test
    void documentQuery_oneSetUnrestricted_otherSetsQueriesStillApply() throws Exception {
        JsonNode ownerQuery = MAPPER.readTree("{\"term\":{\"region\":\"eu\"}}");
        IndicesPrivileges ownerEntry =
                new IndicesPrivileges(List.of("logs-*"), List.of("read"), ownerQuery, null, false);
        VerifiedCrossClusterRequest request =
                apiKeyRequest(List.of(named("narrow", user("logs-*"))), List.of(named("owner_role", ownerEntry)));

        IndexAccessControl access = request.indexAccess(SEARCH, "logs-1").orElseThrow();

        assertThat(access.documentQueryLevels()).containsExactly(List.of(ownerQuery));
    }

    @Test
    void constructor_noUserSets_isRejected() {
        assertThatThrownBy(() -> new VerifiedCrossClusterRequest(
                        "k", "n", "alice", "file", null, List.of(role(key("*"))), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one user role descriptor set");
    }

    @Test
    void wildcards_questionMarkAndStar_matchAsDocumented() {
        assertThat(Wildcards.matches("logs-?", "logs-1")).isTrue();
        assertThat(Wildcards.matches("logs-?", "logs-12")).isFalse();
        assertThat(Wildcards.matches("*-logs-*", "app-logs-1")).isTrue();
        assertThat(Wildcards.matches("a*b*c", "aXbYbZc")).isTrue();
        assertThat(Wildcards.matches("a*b*c", "aXbYbZ")).isFalse();
        assertThat(Wildcards.matches("", "")).isTrue();
    }

    private static VerifiedCrossClusterRequest request(IndicesPrivileges keyEntry, IndicesPrivileges userEntry) {
        return new VerifiedCrossClusterRequest(
                "k", "n", "alice", "file", null, List.of(role(keyEntry)), List.of(List.of(role(userEntry))));
    }

    /** Returns a request of user {@code owner} through an API key whose own roles and owner's roles are given. */
    private static VerifiedCrossClusterRequest apiKeyRequest(
            List<RoleDescriptor> keysOwnRoles, List<RoleDescriptor> ownerRoles) {
        return apiKeyRequest(key("*"), keysOwnRoles, ownerRoles);
    }

    /** Returns the same request through a cross-cluster API key whose access is {@code keyEntry}. */
    private static VerifiedCrossClusterRequest apiKeyRequest(
            IndicesPrivileges keyEntry, List<RoleDescriptor> keysOwnRoles, List<RoleDescriptor> ownerRoles) {
        return new VerifiedCrossClusterRequest(
                "k",
                "n",
                "owner",
                VerifiedCrossClusterRequest.API_KEY_REALM,
                null,
                List.of(role(keyEntry)),
                List.of(keysOwnRoles, ownerRoles));
    }

    private static IndicesPrivileges key(String... names) {
        return new IndicesPrivileges(List.of(names), KEY_PRIVILEGES, null, null, false);
    }

    private static IndicesPrivileges user(String... names) {
        return new IndicesPrivileges(List.of(names), List.of("read"), null, null, false);
    }

    private static RoleDescriptor role(IndicesPrivileges... entries) {
        return named("r", entries);
    }

    private static RoleDescriptor named(String name, IndicesPrivileges... entries) {
        return new RoleDescriptor(name, List.of(), List.of(entries), List.of(), Map.of());
    }
}
