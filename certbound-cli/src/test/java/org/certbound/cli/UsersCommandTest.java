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
        CliRunner.Result result = users("alice-password\n", "useradd", "alice", "-r", "ops,viewer");

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
    void useradd_passwordAsArgument_isRejected() throws Exception {
        CliRunner.Result result = users("", "useradd", "frank", "-p", "frank-password");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("-p");
        assertThat(FileUsers.readUsers(config.resolve("users"))).doesNotContainKey("frank");
    }

    @Test
    void passwd_passwordAsArgument_isRejected() throws Exception {
        users("erin-password\n", "useradd", "erin");

        CliRunner.Result result = users("", "passwd", "erin", "--password", "new-password");

        assertThat(result.exitCode()).isNotZero();
        String hash = FileUsers.readUsers(config.resolve("users")).get("erin");
        assertThat(FileUsers.verify(hash, "erin-password".toCharArray())).isTrue();
    }

    @Test
    void useradd_shortPasswordAndDuplicateFail() {
        CliRunner.Result shortPassword = users("abc\n", "useradd", "carol");
        users("dave-password\n", "useradd", "dave");
        CliRunner.Result duplicate = users("dave-password\n", "useradd", "dave");

        assertThat(shortPassword.exitCode()).isEqualTo(1);
        assertThat(shortPassword.err()).contains("at least [6] characters");
        assertThat(duplicate.exitCode()).isEqualTo(1);
        assertThat(duplicate.err()).contains("user [dave] already exists");
    }

    @Test
    void useradd_reservedUser_rejectedNamingBootstrapPassword() throws Exception {
        CliRunner.Result result = users("Brk-Pass-1234\nBrk-Pass-1234\n", "useradd", "elastic", "-r", "superuser");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("[elastic] is a built-in user")
                .contains("certbound keystore add bootstrap.password")
                .contains("choose another name");
        assertThat(FileUsers.readUsers(config.resolve("users"))).doesNotContainKey("elastic");
    }

    @Test
    void rolesPasswdUserdel_updateFiles() throws Exception {
        users("erin-password\n", "useradd", "erin", "-r", "ops");

        CliRunner.Result roles = users("", "roles", "erin", "-a", "admin", "-r", "ops");
        CliRunner.Result passwd = users("new-password\n", "passwd", "erin");

        assertThat(roles.out()).contains("erin: admin");
        assertThat(passwd.exitCode()).isZero();
        String hash = FileUsers.readUsers(config.resolve("users")).get("erin");
        assertThat(FileUsers.verify(hash, "new-password".toCharArray())).isTrue();
        assertThat(users("", "userdel", "erin").exitCode()).isZero();
        assertThat(FileUsers.readUsers(config.resolve("users"))).doesNotContainKey("erin");
        assertThat(users("", "userdel", "erin").err()).contains("does not exist");
    }
}
