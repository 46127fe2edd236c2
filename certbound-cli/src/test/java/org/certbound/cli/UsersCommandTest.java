package org.certbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.certbound.server.security.file.FileUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCommandTest {

    @TempDir
    Path config;

    private CliRunner.Result users(String stdin, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "users";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--config";
        full[args.length + 2] = config.toString();
        return CliRunner.run(stdin, full);
    }

    @Test
    void useradd_writesHashAndRoles() throws Exception {
        CliRunner.Result result = users("", "useradd", "alice", "-p", "alice-password", "-r", "ops,viewer");

        assertThat(result.exitCode()).isZero();
        String hash = FileUsers.readUsers(config.resolve("users")).get("alice");
        assertThat(hash).startsWith("$2a$10$");
        assertThat(FileUsers.verify(hash, "alice-password".toCharArray())).isTrue();
        assertThat(Files.readString(config.resolve("users_roles")))
                .contains("ops:alice")
                .contains("viewer:alice");
        assertThat(users("", "list").out()).contains("alice: ops,viewer");
    }

    @Test
    void useradd_readsPasswordFromStdin() throws Exception {
        assertThat(users("piped-password\n", "useradd", "bob").exitCode()).isZero();

        String hash = FileUsers.readUsers(config.resolve("users")).get("bob");
        assertThat(FileUsers.verify(hash, "piped-password".toCharArray())).isTrue();
    }

    @Test
    void useradd_shortPasswordAndDuplicateFail() {
        CliRunner.Result shortPassword = users("", "useradd", "carol", "-p", "abc");
        users("", "useradd", "dave", "-p", "dave-password");
        CliRunner.Result duplicate = users("", "useradd", "dave", "-p", "dave-password");

        assertThat(shortPassword.exitCode()).isEqualTo(1);
        assertThat(shortPassword.err()).contains("at least [6] characters");
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("user [dave] already exists");
    }

    @Test
    void rolesPasswdUserdel_updateFiles() throws Exception {
        users("", "useradd", "erin", "-p", "erin-password", "-r", "ops");

        CliRunner.Result roles = users("", "roles", "erin", "-a", "admin", "-r", "ops");
        CliRunner.Result passwd = users("", "passwd", "erin", "-p", "new-password");

        assertThat(roles.out()).contains("erin: admin");
        assertThat(passwd.exitCode()).isZero();
        String hash = FileUsers.readUsers(config.resolve("users")).get("erin");
        assertThat(FileUsers.verify(hash, "new-password".toCharArray())).isTrue();
        assertThat(users("", "userdel", "erin").exitCode()).isZero();
        assertThat(FileUsers.readUsers(config.resolve("users"))).doesNotContainKey("erin");
        assertThat(users("", "userdel", "erin").err()).contains("does not exist");
    }
}
