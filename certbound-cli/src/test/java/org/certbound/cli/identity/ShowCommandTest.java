package org.certbound.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.cli.certutil.Pkcs12Files;
import org.certbound.cli.testing.CliRunner;
import org.certbound.cli.testing.OpenSsl;
import org.certbound.cli.testing.TestPki;
import org.certbound.identity.CertificateFingerprint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {

    @TempDir
    Path dir;

    @Test
    void show_chain_printsEachCertificateLeafFirst() {
        IssuedCertificate root = TestPki.rootCa("CN=Example Root CA,O=Example");
        IssuedCertificate intermediate = TestPki.intermediateCa("CN=Example Signing Intermediate,O=Example", root);
        IssuedCertificate leaf = TestPki.leaf("CN=node-1.example.com,OU=Search,O=Example", intermediate);
        Path chain = TestPki.writeChain(dir.resolve("chain.pem"), leaf);

        CliRunner.Result result = new CliRunner().run("identity", "show", chain.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Certificate 1 of 2: leaf", "Certificate 2 of 2: intermediate CA");
        assertThat(result.out()).contains("canonical DN:    CN=node-1.example.com,OU=Search,O=Example");
        assertThat(result.out()).contains("issuer:          CN=Example Signing Intermediate,O=Example");
        assertThat(result.out()).contains("key:             EC P-256");
        assertThat(result.out()).contains("SHA-256:         " + CertificateFingerprint.sha256Hex(leaf.leaf()));
        assertThat(result.out()).contains("exact pattern:   CN=node-1\\.example\\.com,OU=Search,O=Example");
        assertThat(result.out()).contains("as JSON string:  \"CN=node-1\\\\.example\\\\.com,OU=Search,O=Example\"");
        assertThat(result.out()).containsOnlyOnce("exact pattern:");
    }

    @Test
    void show_expiredCertificate_saysExpired() {
        IssuedCertificate root = TestPki.rootCa("CN=Root");
        IssuedCertificate old = TestPki.leaf(
                "CN=old", root, Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-06-01T00:00:00Z"));
        Path file = TestPki.writePem(dir.resolve("old.pem"), List.of(old.leaf()));

        CliRunner.Result result = new CliRunner().run("identity", "show", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("status:          EXPIRED");
    }

    @Test
    void show_pkcs12_readsEntryChainWithPassword() throws Exception {
        IssuedCertificate root = TestPki.rootCa("CN=Root");
        IssuedCertificate leaf = TestPki.leaf("CN=node-9,O=Example", root);
        Path store = dir.resolve("node.p12");
        Files.write(store, Pkcs12Files.encode(leaf, "node", "store-pw".toCharArray()));

        CliRunner.Result result =
                new CliRunner().stdin("store-pw\n").run("identity", "show", store.toString(), "--pass-stdin");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("canonical DN:    CN=node-9,O=Example", "root CA (self-signed)");
        assertThat(result.all()).doesNotContain("store-pw");
    }

    @Test
    void show_opensslEmailAddress_rendersAsOidHex() {
        assumeTrue(OpenSsl.available(), "openssl is not installed");
        OpenSsl.runOk(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "e.key",
                "-out",
                "e.pem",
                "-days",
                "1",
                "-subj",
                "/C=US/O=Example Org/OU=Search/CN=node-1.example.com/emailAddress=ops@example.com");

        CliRunner.Result result =
                new CliRunner().run("identity", "show", dir.resolve("e.pem").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("canonical DN:    1.2.840.113549.1.9.1=#160f6f7073406578616d706c652e636f6d,"
                        + "CN=node-1.example.com,OU=Search,O=Example Org,C=US");
    }

    @Test
    void show_missingFile_isInputError() {
        CliRunner.Result result =
                new CliRunner().run("identity", "show", dir.resolve("nope.pem").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not exist or is not readable", "nope.pem");
    }

    @Test
    void show_fileWithoutCertificate_isInputError() throws Exception {
        Path file = Files.writeString(
                dir.resolve("key-only.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        CliRunner.Result result = new CliRunner().run("identity", "show", file.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("ERROR:", "key-only.pem");
    }

    @Test
    void show_wrongKeystorePassword_isInputError() throws Exception {
        IssuedCertificate root = TestPki.rootCa("CN=Root");
        Path store = dir.resolve("ca.p12");
        Files.write(store, Pkcs12Files.encode(root, "ca", "right".toCharArray()));

        CliRunner.Result result =
                new CliRunner().stdin("wrong\n").run("identity", "show", store.toString(), "--pass-stdin");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("store password is wrong");
    }

    @Test
    void show_withoutFile_isUsageError() {
        CliRunner.Result result = new CliRunner().run("identity", "show");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("FILE");
    }
}
