package org.certbound.server.index.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.certbound.server.common.ApiException;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.junit.jupiter.api.Test;

class IndexAuthorizationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RoleDescriptor role(String name, IndicesPrivileges... indices) {
        return new RoleDescriptor(name, List.of(), List.of(indices), List.of(), Map.of());
    }

    private static Authentication user(RoleDescriptor... roles) {
        return Authentication.realm("u", "file", "file").roles(List.of(roles)).build();
    }

    private static Authentication key(List<RoleDescriptor> own, List<RoleDescriptor> owner) {
        return Authentication.apiKey(new Authentication.ApiKeyInfo("k1", "key", "rest"), "owner", "file")
                .roles(own)
                .limitedBy(owner)
                .build();
    }

    @Test
    void user_unionOfRoles() {
        IndexAuthorization authorization = IndexAuthorization.of(user(
                role("r", IndicesPrivileges.of(List.of("logs-*"), List.of("read"))),
                role("w", IndicesPrivileges.of(List.of("metrics"), List.of("write")))));

        assertThat(authorization.isAllowed(IndexAction.SEARCH, "logs-a")).isTrue();
        assertThat(authorization.isAllowed(IndexAction.INDEX, "logs-a")).isFalse();
        assertThat(authorization.isAllowed(IndexAction.INDEX, "metrics")).isTrue();
        assertThat(authorization.isAllowed(IndexAction.SEARCH, "metrics")).isFalse();
        assertThat(authorization.isVisible("other")).isFalse();
    }

    @Test
    void check_deniedIsForbiddenInElasticsearchWording() {
        IndexAuthorization authorization = IndexAuthorization.of(
                user(role("logs_reader", IndicesPrivileges.of(List.of("logs-*"), List.of("read")))));

        assertThatThrownBy(() -> authorization.check(IndexAction.SEARCH, List.of("logs-a", "secret")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.type()).isEqualTo("security_exception");
                    assertThat(e.getMessage())
                            .isEqualTo("action [indices:data/read/search] is unauthorized for user [u] with effective"
                                    + " roles [logs_reader] on indices [secret], this action is granted by the index"
                                    + " privileges [read,all]");
                });
    }

    @Test
    void apiKey_intersectsOwnAndLimitedBy() {
        RoleDescriptor owner = role("owner", IndicesPrivileges.of(List.of("*"), List.of("all")));
        RoleDescriptor own = role("own", IndicesPrivileges.of(List.of("logs-*"), List.of("read")));
        RoleDescriptor narrowOwner = role("narrow", IndicesPrivileges.of(List.of("logs-a"), List.of("read")));

        IndexAuthorization limitedKey = IndexAuthorization.of(key(List.of(own), List.of(owner)));
        IndexAuthorization limitedOwner = IndexAuthorization.of(key(List.of(own), List.of(narrowOwner)));
        IndexAuthorization ownerOnly = IndexAuthorization.of(key(List.of(), List.of(owner)));

        assertThat(limitedKey.isAllowed(IndexAction.SEARCH, "logs-b")).isTrue();
        assertThat(limitedKey.isAllowed(IndexAction.SEARCH, "secret")).isFalse();
        assertThat(limitedKey.isAllowed(IndexAction.INDEX, "logs-b")).isFalse();
        assertThat(limitedOwner.isAllowed(IndexAction.SEARCH, "logs-b")).isFalse();
        assertThat(limitedOwner.isAllowed(IndexAction.SEARCH, "logs-a")).isTrue();
        assertThat(ownerOnly.isAllowed(IndexAction.DELETE_INDEX, "secret")).isTrue();
        assertThat(limitedKey.denial(IndexAction.SEARCH, List.of("secret")))
                .startsWith("action [indices:data/read/search] is unauthorized for API key id [k1] of user [owner]");
    }

    @Test
    void derivedKey_withoutOwnRoles_deniesEverything() {
        RoleDescriptor owner = role("owner", IndicesPrivileges.of(List.of("*"), List.of("all")));
        Authentication derived = Authentication.apiKey(
                        new Authentication.ApiKeyInfo("k2", "child", "rest"), "owner", "file")
                .limitedBy(List.of(owner))
                .derivedApiKey(true)
                .build();

        IndexAuthorization authorization = IndexAuthorization.of(derived);

        assertThat(authorization.isAllowed(IndexAction.SEARCH, "logs-a")).isFalse();
        assertThat(authorization.isAllowed(IndexAction.INDEX, "logs-a")).isFalse();
        assertThat(authorization.isVisible("logs-a")).isFalse();
        assertThat(authorization.denial(IndexAction.SEARCH, List.of("logs-a")))
                .contains("API key id [k2] of user [owner] with effective roles []");
        assertThatThrownBy(() -> authorization.check(IndexAction.SEARCH, List.of("logs-a")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void forIndex_carriesDocumentAndFieldSecurityOfBothLevels() throws Exception {
        RoleDescriptor owner = role(
                "owner",
                new IndicesPrivileges(
                        List.of("logs-*"),
                        List.of("read"),
                        JSON.readTree("{\"term\":{\"tenant\":\"acme\"}}"),
                        new org.certbound.server.security.FieldSecurity(List.of("tenant", "status"), List.of()),
                        false));
        RoleDescriptor own = role(
                "own",
                new IndicesPrivileges(
                        List.of("logs-*"),
                        List.of("read"),
                        JSON.readTree("{\"term\":{\"status\":200}}"),
                        new org.certbound.server.security.FieldSecurity(List.of("*"), List.of("status")),
                        false));

        IndexAccess access =
                IndexAuthorization.of(key(List.of(own), List.of(owner))).forIndex("logs-a");

        assertThat(access.documentQueries()).hasSize(2);
        assertThat(access.fieldSecurity().isVisible("tenant")).isTrue();
        assertThat(access.fieldSecurity().isVisible("status")).isFalse();
        assertThat(access.fieldSecurity().isVisible("bytes")).isFalse();
    }

    @Test
    void unknownPrivilegeNames_grantNothing() {
        IndexAuthorization authorization = IndexAuthorization.of(
                user(role("odd", IndicesPrivileges.of(List.of("logs-*"), List.of("monitor", "read_cross_cluster")))));

        assertThat(authorization.isAllowed(IndexAction.SEARCH, "logs-a")).isFalse();
    }

    @Test
    void superuser_allowsEverything() {
        IndexAuthorization authorization = IndexAuthorization.of(user(RoleDescriptor.SUPERUSER));

        assertThat(authorization.isAllowed(IndexAction.DELETE_INDEX, "anything"))
                .isTrue();
        assertThat(authorization.forIndex("anything").isRestricted()).isFalse();
    }
}
