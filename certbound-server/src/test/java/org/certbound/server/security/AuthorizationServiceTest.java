package org.certbound.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.certbound.server.common.ApiException;
import org.junit.jupiter.api.Test;

class AuthorizationServiceTest {

    private final AuthorizationService authorization = new AuthorizationService();

    private static RoleDescriptor role(String name, String... cluster) {
        return new RoleDescriptor(name, List.of(cluster), List.of(), List.of(), Map.of());
    }

    private static Authentication apiKey(List<RoleDescriptor> own, List<RoleDescriptor> owner) {
        return Authentication.apiKey(new Authentication.ApiKeyInfo("k1", "key", "rest"), "alice", "file")
                .roles(own)
                .limitedBy(owner)
                .build();
    }

    @Test
    void apiKey_isIntersectionOfOwnAndOwner() {
        Authentication key = apiKey(List.of(role("own", "manage")), List.of(role("owner", "monitor")));

        assertThat(authorization.hasClusterPrivilege(key, "monitor")).isTrue();
        assertThat(authorization.hasClusterPrivilege(key, "manage")).isFalse();
    }

    @Test
    void apiKey_withoutRolesHasOwnerPermissions() {
        Authentication key = apiKey(List.of(), List.of(role("owner", "manage")));

        assertThat(authorization.hasClusterPrivilege(key, "manage")).isTrue();
        assertThat(authorization.hasClusterPrivilege(key, "manage_security")).isFalse();
    }

    @Test
    void derivedKey_withoutRoles_hasNoClusterPrivilege() {
        Authentication derived = Authentication.apiKey(
                        new Authentication.ApiKeyInfo("k2", "child", "rest"), "alice", "file")
                .limitedBy(List.of(role("owner", "all")))
                .derivedApiKey(true)
                .build();

        assertThat(authorization.hasClusterPrivilege(derived, "monitor")).isFalse();
        assertThat(authorization.hasClusterPrivilege(derived, "manage_own_api_key"))
                .isFalse();
        assertThat(derived.roleSets()).hasSize(2);
    }

    @Test
    void derivedKey_withRoles_isIntersectionOfOwnAndLimitedBy() {
        Authentication derived = Authentication.apiKey(
                        new Authentication.ApiKeyInfo("k2", "child", "rest"), "alice", "file")
                .roles(List.of(role("own", "monitor", "manage")))
                .limitedBy(List.of(role("owner", "monitor")))
                .derivedApiKey(true)
                .build();

        assertThat(authorization.hasClusterPrivilege(derived, "monitor")).isTrue();
        assertThat(authorization.hasClusterPrivilege(derived, "manage")).isFalse();
    }

    @Test
    void derivedKey_onRealmUser_rejected() {
        Authentication.Builder builder =
                Authentication.realm("alice", "file", "file").derivedApiKey(true);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("derived API key");
    }

    @Test
    void checkCluster_deniedNamesApiKeyAndPrivileges() {
        Authentication key = apiKey(List.of(role("own", "monitor")), List.of(role("owner", "all")));

        assertThatThrownBy(() -> authorization.checkCluster(key, "manage", "PUT /_cluster/settings"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .contains("API key id [k1] of user [alice]")
                            .contains("cluster privileges [all,manage]");
                });
    }

    @Test
    void superuser_hasEverything() {
        Authentication user = Authentication.realm("root", "file", "file")
                .roles(List.of(RoleDescriptor.SUPERUSER))
                .build();

        assertThat(authorization.hasClusterPrivilege(user, "manage_security")).isTrue();
    }
}
