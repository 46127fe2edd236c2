package org.certbound.cli.certutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.certbound.cli.testing.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaCommandTest {

    @TempDir
    Path dir;

    @Test
    void ca_defaults_writesSelfSignedRsaRoot() throws Exception {
        CliRunner.Result result = new CliRunner().run("certutil", "ca", "--out-dir", dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        X509Certificate ca = PemFiles.readCertificates(dir.resolve("ca.crt")).get(0);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=certbound CA");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        ca.verify(ca.getPublicKey());
        assertThat(result.out()).contains("Created root CA", "sha256:", "ca.crt", "ca.key");
    }

    @Test
    void ca_privateKey_isOwnerOnlyAndMatchesCertificate() throws Exception {
        new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--key-type", "ec");

        Path key = dir.resolve("ca.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        X509Certificate ca = PemFiles.readCertificates(dir.resolve("ca.crt")).get(0);
        assertThat(PublicKeys.matches(PemFiles.readPrivateKey(key, () -> null), ca))
                .isTrue();
    }

    @Test
    void ca_ecP384Pkcs12_readsBackWithPasswordFromStdin() throws Exception {
        CliRunner.Result result = new CliRunner()
                .stdin("store-secret-77\n")
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--key-type",
                        "ec",
                        "--curve",
                        "p-384",
                        "--format",
                        "pkcs12",
                        "--pass-stdin",
                        "--dn",
                        "CN=Example Root CA,O=Example");

        assertThat(result.exitCode()).as(result.err()).isZero();
        IssuedCertificate read = Pkcs12Files.read(dir.resolve("ca.p12"), null, "store-secret-77".toCharArray());
        ECPublicKey key = (ECPublicKey) read.leaf().getPublicKey();
        assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
        assertThat(read.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=Example Root CA,O=Example");
        assertThat(result.all()).doesNotContain("store-secret-77");
    }

    @Test
    void ca_withIssuer_makesIntermediateWithPathLength() throws Exception {
        new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--name", "root");

        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--name",
                        "int",
                        "--dn",
                        "CN=Example Signing Intermediate,O=Example",
                        "--path-length",
                        "0",
                        "--ca-cert",
                        dir.resolve("root.crt").toString(),
                        "--ca-key",
                        dir.resolve("root.key").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve("int.crt"));
        X509Certificate root =
                PemFiles.readCertificates(dir.resolve("root.crt")).get(0);
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getBasicConstraints()).isZero();
        assertThat(chain.get(0).getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        chain.get(0).verify(root.getPublicKey());
        assertThat(result.out()).contains("Created intermediate CA");
    }

    @Test
    void ca_existingOutput_isKeptWithoutForce() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "keep me");

        CliRunner.Result result = new CliRunner().run("certutil", "ca", "--out-dir", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("already exists", "--force");
        assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("keep me");
        assertThat(dir.resolve("ca.key")).doesNotExist();
    }

    @Test
    void ca_force_replacesExistingOutput() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "old");

        CliRunner.Result result = new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--force");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readString(dir.resolve("ca.crt"))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void ca_pkcs12WithoutPasswordSource_failsWithoutConsole() {
        CliRunner.Result result =
                new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--format", "pkcs12");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no console", "--pass-stdin", "--pass-env");
        assertThat(dir.resolve("ca.p12")).doesNotExist();
    }

    @Test
    void ca_passwordFromEnvironment_isUsedAndNotPrinted() throws Exception {
        CliRunner.Result result = new CliRunner()
                .env(Map.of("CA_STORE_PASS", "env-secret-42"))
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--format",
                        "pkcs12",
                        "--pass-env",
                        "CA_STORE_PASS");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Pkcs12Files.read(dir.resolve("ca.p12"), null, "env-secret-42".toCharArray())
                        .leaf())
                .isNotNull();
        assertThat(result.all()).doesNotContain("env-secret-42");
    }

    @Test
    void ca_unsetEnvironmentVariable_isUsageError() {
        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--format",
                        "pkcs12",
                        "--pass-env",
                        "NOT_SET_ANYWHERE");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[NOT_SET_ANYWHERE]", "is not set");
    }

    @Test
    void ca_stdinAndEnvTogether_isUsageError() {
        CliRunner.Result result = new CliRunner()
                .stdin("a\n")
                .env(Map.of("P", "b"))
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--format",
                        "pkcs12",
                        "--pass-stdin",
                        "--pass-env",
                        "P");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--pass-stdin]", "[--pass-env]", "only one");
    }

    @Test
    void ca_keySizeForEc_isUsageError() {
        CliRunner.Result result = new CliRunner()
                .run("certutil", "ca", "--out-dir", dir.toString(), "--key-type", "ec", "--key-size", "2048");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--key-size] does not apply to key type [ec]");
    }

    @Test
    void ca_unknownKeyType_isUsageError() {
        CliRunner.Result result =
                new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--key-type", "dsa");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("key type [dsa] is not supported");
    }

    @Test
    void ca_unsupportedRsaSize_isUsageError() {
        CliRunner.Result result =
                new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--key-size", "1024");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("RSA key size [1024] is not supported");
    }
}
