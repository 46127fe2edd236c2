package org.certbound.server.security.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.security.Authentication;
import org.certbound.server.settings.SecureSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRealmTest {

    @TempDir
    Path configDir;

    @BeforeEach
    void writeFiles() throws Exception {
        FileUsers.writeUsers(configDir.resolve("users"), Map.of("alice", FileUsers.hash("alice-pw".toCharArray())));
        FileUsers.writeUsersRoles(configDir.resolve("users_roles"), Map.of("alice", List.of("ops", "ghost")));
        Files.writeString(configDir.resolve("roles.yml"), "ops:\n  cluster: [monitor]\nbroken:\n  clusters: [all]\n");
    }

    private static RestRequest basic(String credentials) {
        String encoded =
                Base64.getEncoder().encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return RestRequest.builder(RestRequest.Method.GET, "/x")
                .header("Authorization", "Basic " + encoded)
                .build();
    }

    @Test
    void authenticate_resolvesRolesAndKeepsUndefinedNames() {
        FileRealm realm = new FileRealm(configDir);

        Authentication authentication =
                realm.authenticate("alice", "alice-pw".toCharArray()).orElseThrow();

        assertThat(authentication.roleNames()).containsExactlyInAnyOrder("ops", "ghost");
        assertThat(authentication.roles())
                .filteredOn(role -> role.name().equals("ops"))
                .singleElement()
                .satisfies(role -> assertThat(role.cluster()).containsExactly("monitor"));
        assertThat(authentication.roles())
                .filteredOn(role -> role.name().equals("ghost"))
                .singleElement()
                .satisfies(role -> assertThat(role.cluster()).isEmpty());
        assertThat(authentication.realmType()).isEqualTo("file");
    }

    @Test
    void readRoles_roleWithUnknownQueryClause_isSkipped() throws Exception {
        Path file = configDir.resolve("roles.yml");
        Files.writeString(file, """
                ops:
                  cluster: [monitor]
                dls:
                  indices:
                    - names: [logs-*]
                      privileges: [read]
                      query: '{"nope":{}}'
                """);

        assertThat(FileRoles.read(file)).containsOnlyKeys("ops");
    }

    @Test
    void authenticate_wrongPasswordIsEmptyEvenAfterCaching() {
        FileRealm realm = new FileRealm(configDir);
        assertThat(realm.authenticate("alice", "alice-pw".toCharArray())).isPresent();

        assertThat(realm.authenticate("alice", "wrong-pw".toCharArray())).isEmpty();
        assertThat(realm.authenticate("alice", "alice-pw".toCharArray())).isPresent();
    }

    @Test
    void reload_seesRemovedUser() throws Exception {
        FileRealm realm = new FileRealm(configDir);
        assertThat(realm.authenticate("alice", "alice-pw".toCharArray())).isPresent();

        FileUsers.writeUsers(configDir.resolve("users"), Map.of());
        realm.reload();

        assertThat(realm.hasUser("alice")).isFalse();
    }

    @Test
    void reload_brokenFileFailsClosed() throws Exception {
        FileRealm realm = new FileRealm(configDir);

        Files.writeString(configDir.resolve("users"), "no-colon-here\n");
        realm.reload();

        assertThat(realm.hasUser("alice")).isFalse();
    }

    @Test
    void basicAuthenticator_acceptsAndRejects() {
        FileRealm realm = new FileRealm(configDir);
        ReservedRealm reserved = new ReservedRealm(SecureSettings.EMPTY);
        BasicAuthenticator authenticator = new BasicAuthenticator(List.of(reserved, realm));

        assertThat(authenticator.authenticate(basic("alice:alice-pw"))).isPresent();
        assertThat(authenticator.authenticate(RestRequest.builder(RestRequest.Method.GET, "/")
                        .header("Authorization", "ApiKey abc")
                        .build()))
                .isEmpty();
        assertThatThrownBy(() -> authenticator.authenticate(basic("alice:nope")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("[alice]").doesNotContain("nope");
                });
        assertThatThrownBy(() -> authenticator.authenticate(basic("elastic:anything")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> authenticator.authenticate(RestRequest.builder(RestRequest.Method.GET, "/")
                        .header("Authorization", "Basic !!!")
                        .build()))
                .hasMessageContaining("not valid Base64");
    }

    @Test
    void readUsers_malformedLineNamesLine() throws Exception {
        Files.writeString(configDir.resolve("users"), "# comment\nok:hash\nbad\n");

        assertThatThrownBy(() -> FileUsers.readUsers(configDir.resolve("users")))
                .hasMessageContaining("invalid line [3]");
    }
}
