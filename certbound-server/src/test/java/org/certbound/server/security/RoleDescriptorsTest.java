package org.certbound.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.certbound.server.common.ApiException;
import org.junit.jupiter.api.Test;

class RoleDescriptorsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }

    @Test
    void parse_readsEveryPart() throws Exception {
        List<RoleDescriptor> roles = RoleDescriptors.parse(json("""
                {"reader": {
                  "cluster": ["monitor"],
                  "indices": [{"names": ["logs-*"], "privileges": ["read"],
                               "field_security": {"grant": ["*"], "except": ["secret"]},
                               "query": "{\\"term\\":{\\"public\\":true}}"}],
                  "remote_indices": [{"clusters": ["rc1"], "names": ["metrics-*"], "privileges": ["read"]}],
                  "metadata": {"team": "ops"}
                }}"""));

        RoleDescriptor role = roles.get(0);
        assertThat(role.name()).isEqualTo("reader");
        assertThat(role.cluster()).containsExactly("monitor");
        assertThat(role.indices().get(0).fieldSecurity().except()).containsExactly("secret");
        assertThat(role.indices().get(0).query().path("term").path("public").asBoolean())
                .isTrue();
        assertThat(role.remoteIndices().get(0).clusters()).containsExactly("rc1");
        assertThat(role.remoteIndices().get(0).indices().names()).containsExactly("metrics-*");
        assertThat(role.metadata()).containsEntry("team", "ops");
    }

    @Test
    void parse_unknownFieldIsRejected() {
        assertThatThrownBy(() -> RoleDescriptors.parse(json("{\"r\": {\"clusters\": [\"all\"]}}")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("role [r]").contains("unknown field [clusters]");
                });
    }

    @Test
    void parse_indexWithoutPrivilegesIsRejected() {
        assertThatThrownBy(() -> RoleDescriptors.parse(json("{\"r\": {\"indices\": [{\"names\": [\"a\"]}]}}")))
                .hasMessageContaining("at least one privilege");
    }

    @Test
    void parse_nonEmptyRunAsIsRejected() {
        assertThatThrownBy(() -> RoleDescriptors.parse(json("{\"r\": {\"run_as\": [\"bob\"]}}")))
                .hasMessageContaining("[run_as] is not supported");
    }

    @Test
    void toJson_roundTrips() throws Exception {
        List<RoleDescriptor> roles = List.of(RoleDescriptor.SUPERUSER);

        List<RoleDescriptor> parsed = RoleDescriptors.parse(RoleDescriptors.toJson(roles));

        assertThat(parsed).isEqualTo(roles);
    }
}
