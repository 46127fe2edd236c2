package org.certbound.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.certbound.server.keystore.CertboundKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreCommandTest {

    @TempDir
    Path config;

    private CliRunner.Result keystore(String stdin, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "keystore";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--config";
        full[args.length + 2] = config.toString();
        return CliRunner.run(stdin, full);
    }

    private String value(String password, String name) throws Exception {
        try (CertboundKeystore loaded = CertboundKeystore.load(config, password.toCharArray())) {
            return new String(loaded.getString(name).orElseThrow().unsafeChars());
        }
    }

    @Test
    void addListRemove_neverPrintValues() throws Exception {
        assertThat(keystore("", "create").exitCode()).isZero();

        CliRunner.Result add = keystore("secret-value\n", "add", "--stdin", "bootstrap.password");
        CliRunner.Result list = keystore("", "list");

        assertThat(add.exitCode()).isZero();
        assertThat(value("", "bootstrap.password")).isEqualTo("secret-value");
        assertThat(list.out()).contains("bootstrap.password").doesNotContain("secret-value");
        assertThat(add.out() + add.err()).doesNotContain("secret-value");
        assertThat(keystore("", "remove", "bootstrap.password").exitCode()).isZero();
        assertThat(keystore("", "list").out()).doesNotContain("bootstrap.password");
    }

    @Test
    void add_existingNeedsForce() throws Exception {
        keystore("first\n", "add", "--stdin", "a.b");

        CliRunner.Result again = keystore("second\n", "add", "--stdin", "a.b");
        CliRunner.Result forced = keystore("second\n", "add", "--stdin", "--force", "a.b");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already has [a.b]").contains("--force");
        assertThat(forced.exitCode()).isZero();
        assertThat(value("", "a.b")).isEqualTo("second");
    }

    @Test
    void passwd_protectsAndHasPasswdReports() throws Exception {
        keystore("", "create");
        assertThat(keystore("", "has-passwd").exitCode()).isEqualTo(1);

        assertThat(keystore("new-password\n", "passwd").exitCode()).isZero();
        CliRunner.Result add = keystore("new-password\nthe-value\n", "add", "x.y");

        assertThat(keystore("", "has-passwd").exitCode()).isZero();
        assertThat(add.exitCode()).isZero();
        assertThat(value("new-password", "x.y")).isEqualTo("the-value");
    }

    @Test
    void addFile_storesBytes() throws Exception {
        Path file = Files.write(config.resolve("blob.bin"), new byte[] {9, 8, 7});

        CliRunner.Result result = keystore("", "add-file", "some.file", file.toString());

        assertThat(result.exitCode()).isZero();
        try (CertboundKeystore loaded = CertboundKeystore.load(config, new char[0])) {
            assertThat(loaded.getFile("some.file"))
                    .hasValueSatisfying(v -> assertThat(v).containsExactly(9, 8, 7));
        }
    }

    @Test
    void list_missingKeystoreFails() {
        CliRunner.Result result = keystore("", "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("does not exist").contains("certbound keystore create");
    }
}
