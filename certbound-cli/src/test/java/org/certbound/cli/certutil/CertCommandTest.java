package org.certbound.cli.certutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.certbound.cli.testing.CliRunner;
import org.certbound.cli.testing.OpenSsl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertCommandTest {

    private static final String CLOUD_DN = "CN=instance-0000000001.node.4fa2c1.cluster.org-77";

    @TempDir
    Path dir;

    private String caCert;
    private String caKey;

    @BeforeEach
    void makeCa() {
        CliRunner.Result result =
                new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--key-type", "ec");
        assertThat(result.exitCode()).as(result.err()).isZero();
        caCert = dir.resolve("ca.crt").toString();
        caKey = dir.resolve("ca.key").toString();
    }

    @Test
    void cert_ecLeaf_hasSigningAndTlsUsagesAndSans() throws Exception {
        CliRunner.Result result = certutilCert(
                "--dn",
                CLOUD_DN,
                "--key-type",
                "ec",
                "--dns",
                "localhost,node-1.example.com",
                "--ip",
                "127.0.0.1",
                "--ip",
                "::1");

        assertThat(result.exitCode()).as(result.err()).isZero();
        X509Certificate leaf =
                PemFiles.readCertificates(dir.resolve("node.crt")).get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo(CLOUD_DN);
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment is for RSA only").isFalse();
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(sanValues(leaf)).containsExactly("localhost", "node-1.example.com", "127.0.0.1", "0:0:0:0:0:0:0:1");
    }

    @Test
    void cert_rsaLeaf_addsKeyEncipherment() throws Exception {
        CliRunner.Result result =
                certutilCert("--dn", "CN=node-1,O=Example", "--key-type", "rsa", "--key-size", "3072");

        assertThat(result.exitCode()).as(result.err()).isZero();
        X509Certificate leaf =
                PemFiles.readCertificates(dir.resolve("node.crt")).get(0);
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void cert_leaf_validatesAgainstCaWithPkix() throws Exception {
        certutilCert("--dn", "CN=node-1,O=Example", "--key-type", "ed25519");

        X509Certificate ca = PemFiles.readCertificates(Path.of(caCert)).get(0);
        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve("node.crt"));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);

        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
        assertThat(chain).hasSize(1);
    }

    @Test
    void cert_throughIntermediate_writesLeafFirstWithoutRoot() throws Exception {
        new CliRunner()
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--name",
                        "int",
                        "--dn",
                        "CN=Intermediate",
                        "--ca-cert",
                        caCert,
                        "--ca-key",
                        caKey);

        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=leaf",
                        "--ca-cert",
                        dir.resolve("int.crt").toString(),
                        "--ca-key",
                        dir.resolve("int.key").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<X509Certificate> chain = PemFiles.readCertificates(dir.resolve("node.crt"));
        assertThat(chain)
                .extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=leaf", "CN=Intermediate");
    }

    @Test
    void cert_pkcs12_holdsKeyAndChainUnderName() throws Exception {
        CliRunner.Result result = new CliRunner()
                .stdin("p12-pass\n")
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=node-2",
                        "--ca-cert",
                        caCert,
                        "--ca-key",
                        caKey,
                        "--format",
                        "pkcs12",
                        "--pass-stdin",
                        "--name",
                        "node-2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("node-2.p12"))) {
            store.load(in, "p12-pass".toCharArray());
        }
        assertThat(store.isKeyEntry("node-2")).isTrue();
        assertThat(((X509Certificate) store.getCertificate("node-2"))
                        .getSubjectX500Principal()
                        .getName())
                .isEqualTo("CN=node-2");
    }

    @Test
    void cert_explicitPastValidity_makesExpiredCertificate() throws Exception {
        CliRunner.Result result = certutilCert(
                "--dn", "CN=old", "--not-before", "2020-01-01T00:00:00Z", "--not-after", "2020-02-01T00:00:00Z");

        assertThat(result.exitCode()).as(result.err()).isZero();
        X509Certificate leaf =
                PemFiles.readCertificates(dir.resolve("node.crt")).get(0);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Instant.parse("2020-02-01T00:00:00Z"));
    }

    @Test
    void cert_encryptedKey_decryptsWithOpenssl() {
        assumeTrue(OpenSsl.available(), "openssl is not installed");

        CliRunner.Result result = new CliRunner()
                .stdin("key-phrase-9\n")
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=node-3",
                        "--ca-cert",
                        caCert,
                        "--ca-key",
                        caKey,
                        "--encrypt-key",
                        "--pass-stdin");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(OpenSsl.run(dir, "pkey", "-in", "node.key", "-passin", "pass:key-phrase-9", "-noout")
                        .exitCode())
                .isZero();
        assertThat(OpenSsl.run(dir, "pkey", "-in", "node.key", "-passin", "pass:wrong", "-noout")
                        .exitCode())
                .isNotZero();
        assertThat(OpenSsl.runOk(dir, "verify", "-CAfile", "ca.crt", "node.crt"))
                .contains("node.crt: OK");
    }

    @Test
    void cert_opensslMadeCa_signsWithSec1Key() throws Exception {
        assumeTrue(OpenSsl.available(), "openssl is not installed");
        OpenSsl.runOk(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ossl-ca.key");
        OpenSsl.runOk(
                dir,
                "req",
                "-x509",
                "-new",
                "-key",
                "ossl-ca.key",
                "-out",
                "ossl-ca.pem",
                "-days",
                "30",
                "-subj",
                "/O=Example/CN=Example Root CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");

        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=node-1.example.com,OU=Search,O=Example",
                        "--ca-cert",
                        dir.resolve("ossl-ca.pem").toString(),
                        "--ca-key",
                        dir.resolve("ossl-ca.key").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(OpenSsl.runOk(dir, "verify", "-CAfile", "ossl-ca.pem", "node.crt"))
                .contains("OK");
        assertThat(OpenSsl.runOk(dir, "x509", "-in", "node.crt", "-noout", "-subject", "-nameopt", "RFC2253"))
                .contains("subject=CN=node-1.example.com,OU=Search,O=Example");
    }

    @Test
    void cert_missingIssuer_isUsageError() {
        CliRunner.Result result = new CliRunner().run("certutil", "cert", "--out-dir", dir.toString(), "--dn", "CN=x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("issuing CA is missing");
    }

    @Test
    void cert_caKeyOfAnotherCertificate_isRejected() {
        new CliRunner().run("certutil", "ca", "--out-dir", dir.toString(), "--name", "other");

        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=x",
                        "--ca-cert",
                        caCert,
                        "--ca-key",
                        dir.resolve("other.key").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("does not belong to the certificate", "CN=certbound CA");
        assertThat(dir.resolve("node.crt")).doesNotExist();
    }

    @Test
    void cert_leafAsIssuer_isRejected() {
        certutilCert("--dn", "CN=leaf", "--name", "leaf");

        CliRunner.Result result = new CliRunner()
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=x",
                        "--ca-cert",
                        dir.resolve("leaf.crt").toString(),
                        "--ca-key",
                        dir.resolve("leaf.key").toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[CN=leaf] is not a CA");
    }

    @Test
    void cert_wrongCaStorePassword_isUsageErrorWithoutThePassword() {
        new CliRunner()
                .stdin("right-pass\n")
                .run(
                        "certutil",
                        "ca",
                        "--out-dir",
                        dir.toString(),
                        "--name",
                        "store",
                        "--format",
                        "pkcs12",
                        "--pass-stdin");

        CliRunner.Result result = new CliRunner()
                .stdin("wrong-pass-123\n")
                .run(
                        "certutil",
                        "cert",
                        "--out-dir",
                        dir.toString(),
                        "--dn",
                        "CN=x",
                        "--ca",
                        dir.resolve("store.p12").toString(),
                        "--ca-pass-stdin");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("store password is wrong");
        assertThat(result.all()).doesNotContain("wrong-pass-123");
    }

    @Test
    void cert_opensslSlashDn_isRejectedWithRfc2253Hint() {
        CliRunner.Result result = certutilCert("--dn", "/C=US/O=Example Org/CN=node-1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("slash form", "[CN=node-1,O=Example Org,C=US]");
    }

    @Test
    void cert_invalidIpAddress_isUsageError() {
        CliRunner.Result result = certutilCert("--dn", "CN=x", "--ip", "localhost");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("IP address [localhost] is invalid");
    }

    @Test
    void cert_invalidDnsName_isUsageError() {
        CliRunner.Result result = certutilCert("--dn", "CN=x", "--dns", "bad name");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("DNS name [bad name] is invalid");
    }

    @Test
    void cert_endBeforeStart_isUsageError() {
        CliRunner.Result result = certutilCert(
                "--dn", "CN=x", "--not-before", "2030-01-02T00:00:00Z", "--not-after", "2030-01-01T00:00:00Z");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("ends [2030-01-01T00:00:00Z] before it starts");
    }

    @Test
    void cert_badInstant_isUsageError() {
        CliRunner.Result result = certutilCert("--dn", "CN=x", "--not-after", "tomorrow");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--not-after] value [tomorrow] is not an ISO-8601 instant");
    }

    @Test
    void cert_missingDn_isPicocliUsageError() {
        CliRunner.Result result = new CliRunner().run("certutil", "cert", "--ca-cert", caCert, "--ca-key", caKey);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--dn");
    }

    private CliRunner.Result certutilCert(String... extra) {
        List<String> args = new ArrayList<>(
                List.of("certutil", "cert", "--out-dir", dir.toString(), "--ca-cert", caCert, "--ca-key", caKey));
        args.addAll(List.of(extra));
        return new CliRunner().run(args.toArray(String[]::new));
    }

    private static List<String> sanValues(X509Certificate certificate) throws Exception {
        List<String> values = new ArrayList<>();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        for (List<?> name : names) {
            values.add((String) name.get(1));
        }
        return values;
    }
}
