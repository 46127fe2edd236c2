package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RemoteIndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.junit.jupiter.api.Test;

class SubjectInfosTest {

    private static final Authentication.ApiKeyInfo REST_KEY = new Authentication.ApiKeyInfo("key-1", "narrow", "rest");

    @Test
    void forAlias_realmUser_sendsOneSetOfTheAliasEntries() {
        Authentication user = Authentication.realm("alice", "file1", "file")
                .roles(List.of(remoteRole("reader", "rc1", "logs-*"), remoteRole("other", "rc2", "metrics-*")))
                .build();

        SubjectInfo subject = SubjectInfos.forAlias(user, "rc1").orElseThrow();

        assertThat(subject.username()).isEqualTo("alice");
        assertThat(subject.realm()).isEqualTo("file1");
        assertThat(subject.roleDescriptorSets()).hasSize(1);
        assertThat(subject.roleDescriptorSets().get(0)).containsOnlyKeys("reader");
        assertThat(indexPattern(subject.roleDescriptorSets().get(0).get("reader")))
                .isEqualTo("logs-*");
    }

    @Test
    void forAlias_apiKeyWithoutOwnRoles_sendsTheOwnersSet() {
        Authentication key = Authentication.apiKey(REST_KEY, "owner", "file1")
                .limitedBy(List.of(remoteRole("owner_role", "rc*", "logs-*")))
                .build();

        SubjectInfo subject = SubjectInfos.forAlias(key, "rc1").orElseThrow();

        assertThat(subject.realm()).isEqualTo("_es_api_key");
        assertThat(subject.roleDescriptorSets()).hasSize(1);
        assertThat(subject.roleDescriptorSets().get(0)).containsOnlyKeys("owner_role");
    }

    @Test
    void forAlias_apiKeyWithOwnRoles_sendsTheKeysSetThenTheOwners() {
        Authentication key =
                apiKeyWithOwnRoles(remoteRole("narrow", "rc1", "logs-1"), remoteRole("owner_role", "*", "logs-*"));

        SubjectInfo subject = SubjectInfos.forAlias(key, "rc1").orElseThrow();

        assertThat(subject.username()).isEqualTo("owner");
        assertThat(subject.roleDescriptorSets()).hasSize(2);
        assertThat(subject.roleDescriptorSets().get(0)).containsOnlyKeys("narrow");
        assertThat(indexPattern(subject.roleDescriptorSets().get(0).get("narrow")))
                .isEqualTo("logs-1");
        assertThat(subject.roleDescriptorSets().get(1)).containsOnlyKeys("owner_role");
        assertThat(indexPattern(subject.roleDescriptorSets().get(1).get("owner_role")))
                .isEqualTo("logs-*");
    }

    @Test
    void forAlias_keysOwnRolesLackTheAlias_emptyAndReasonNamesTheKey() {
        Authentication key =
                apiKeyWithOwnRoles(remoteRole("narrow", "rc2", "logs-1"), remoteRole("owner_role", "*", "logs-*"));

        assertThat(SubjectInfos.forAlias(key, "rc1")).isEmpty();
        assertThat(SubjectInfos.noRemotePrivilegesReason(key, "rc1"))
                .isEqualTo("the role descriptors of API key [key-1] of user [owner] grant no [remote_indices]"
                        + " privileges for remote cluster [rc1]");
    }

    @Test
    void forAlias_ownerLacksTheAlias_emptyAndReasonNamesTheUser() {
        Authentication key =
                apiKeyWithOwnRoles(remoteRole("narrow", "rc1", "logs-1"), remoteRole("owner_role", "rc2", "logs-*"));

        assertThat(SubjectInfos.forAlias(key, "rc1")).isEmpty();
        assertThat(SubjectInfos.noRemotePrivilegesReason(key, "rc1"))
                .isEqualTo("user [owner] has no [remote_indices] privileges for remote cluster [rc1]");
    }

    @Test
    void roleSets_apiKeyWithOwnRoles_intersectsWithTheOwnersRoles() {
        RoleDescriptor own = remoteRole("narrow", "rc1", "logs-1");
        RoleDescriptor owner = remoteRole("owner_role", "*", "logs-*");
        Authentication key = apiKeyWithOwnRoles(own, owner);

        assertThat(key.roleSets()).containsExactly(List.of(own), List.of(owner));
    }

    @Test
    void forAlias_derivedKeyWithoutOwnRoles_emptyAndReasonNamesTheDerivedKey() {
        Authentication derived = derivedKeyWithoutOwnRoles();

        assertThat(SubjectInfos.forAlias(derived, "rc1")).isEmpty();
        assertThat(SubjectInfos.noRemotePrivilegesReason(derived, "rc1"))
                .isEqualTo("API key [key-1] of user [owner] was created by another API key without role descriptors,"
                        + " so it grants no privileges");
        assertThat(derived.roleSets()).containsExactly(List.of(), List.of(remoteRole("owner_role", "*", "logs-*")));
    }

    @Test
    void localPermissions_derivedKeyWithoutOwnRoles_grantsNothingLocally() {
        Authentication derived = derivedKeyWithoutOwnRoles();

        assertThat(SubjectInfos.localPermissions(derived).userRoleSets().get(0)).isEmpty();
    }

    private static Authentication derivedKeyWithoutOwnRoles() {
        return Authentication.apiKey(REST_KEY, "owner", "file1")
                .limitedBy(List.of(remoteRole("owner_role", "*", "logs-*")))
                .derivedApiKey(true)
                .build();
    }

    private static Authentication apiKeyWithOwnRoles(RoleDescriptor own, RoleDescriptor owner) {
        return Authentication.apiKey(REST_KEY, "owner", "file1")
                .roles(List.of(own))
                .limitedBy(List.of(owner))
                .build();
    }

    private static RoleDescriptor remoteRole(String name, String cluster, String indexPattern) {
        RemoteIndicesPrivileges remote = new RemoteIndicesPrivileges(
                List.of(cluster), IndicesPrivileges.of(List.of(indexPattern), List.of("read")));
        return new RoleDescriptor(name, List.of(), List.of(), List.of(remote), Map.of());
    }

    private static String indexPattern(JsonNode descriptor) {
        return descriptor.at("/indices/0/names/0").asText();
    }
}
