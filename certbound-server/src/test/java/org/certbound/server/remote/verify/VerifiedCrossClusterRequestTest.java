package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;

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
        VerifiedCrossClusterRequest request =
                new VerifiedCrossClusterRequest("k", "n", "alice", "file", null, List.of(role(key("*"))), List.of());

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
                "k", "n", "alice", "file", null, List.of(role(key("*"))), List.of(role(filtered, open)));

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
                "k", "n", "alice", "file", null, List.of(role(keyEntry)), List.of(role(userEntry)));
    }

    private static IndicesPrivileges key(String... names) {
        return new IndicesPrivileges(List.of(names), KEY_PRIVILEGES, null, null, false);
    }

    private static IndicesPrivileges user(String... names) {
        return new IndicesPrivileges(List.of(names), List.of("read"), null, null, false);
    }

    private static RoleDescriptor role(IndicesPrivileges... entries) {
        return new RoleDescriptor("r", List.of(), List.of(entries), List.of(), Map.of());
    }
}
