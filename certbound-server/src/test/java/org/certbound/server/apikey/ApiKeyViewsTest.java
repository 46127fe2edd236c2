package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeyViewsTest {
    private static final String IDENTITY = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    private static ApiKeyDocument crossClusterKey() {
        CrossClusterAccess access = CrossClusterAccess.parse(Json.parse("{'search':[{'names':['logs-*']}]}"));
        ObjectNode roles = JsonNodeFactory.instance.objectNode();
        roles.set(CrossClusterAccess.ROLE_NAME, access.toRoleDescriptor());
        return new ApiKeyDocument(
                "k1",
                "rc",
                ApiKeyType.CROSS_CLUSTER,
                Instant.ofEpochMilli(1000),
                null,
                null,
                "{SSHA256}a$b",
                roles,
                JsonNodeFactory.instance.objectNode(),
                access.toJson(),
                JsonNodeFactory.instance.objectNode(),
                IDENTITY,
                new ApiKeyDocument.Owner("admin", "file1", "file"),
                null);
    }

    @Test
    void key_hasEveryFieldTheClientRequires() {
        ObjectNode json = ApiKeyViews.key(crossClusterKey(), false);

        for (String field : List.of("id", "name", "type", "creation", "invalidated", "username", "realm", "metadata")) {
            assertThat(json.has(field)).as(field).isTrue();
        }
        assertThat(json.get("metadata").isObject()).isTrue();
        assertThat(json.get("type").textValue()).isEqualTo("cross_cluster");
    }

    @Test
    void key_certificateIdentity_exactlyAsStored() {
        ObjectNode json = ApiKeyViews.key(crossClusterKey(), false);

        assertThat(json.get("certificate_identity").textValue()).isEqualTo(IDENTITY);
        assertThat(json.get("access"))
                .isEqualTo(Json.parse("{'search':[{'names':['logs-*']," + "'allow_restricted_indices':false}]}"));
    }

    @Test
    void key_neverShowsHash() {
        assertThat(ApiKeyViews.key(crossClusterKey(), true).toString())
                .doesNotContain("SSHA256")
                .doesNotContain("api_key_hash");
    }

    @Test
    void key_crossClusterWithLimitedBy_leavesItOut() {
        assertThat(ApiKeyViews.key(crossClusterKey(), true).has("limited_by")).isFalse();
    }

    @Test
    void invalidated_requiredFieldsAndErrors() {
        ObjectNode json = ApiKeyViews.invalidated(
                new ApiKeyInvalidator.Result(List.of("a"), List.of(), Map.of("b", "API key [b] not found")));

        assertThat(json.get("invalidated_api_keys")).isEqualTo(Json.parse("['a']"));
        assertThat(json.get("previously_invalidated_api_keys").isEmpty()).isTrue();
        assertThat(json.get("error_count").intValue()).isEqualTo(1);
        assertThat(json.at("/error_details/0/type").textValue()).isEqualTo("resource_not_found_exception");
    }
}
