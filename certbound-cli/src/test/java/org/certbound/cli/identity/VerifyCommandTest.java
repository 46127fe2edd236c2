package org.certbound.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.cli.testing.CliRunner;
import org.certbound.cli.testing.OpenSsl;
import org.certbound.cli.testing.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    @TempDir
    Path dir;

    private IssuedCertificate root;
    private IssuedCertificate intermediate;
    private Path rootFile;

    @BeforeEach
    void makePki() {
        root = TestPki.rootCa("CN=Example Root CA,O=Example");
        intermediate = TestPki.intermediateCa("CN=Example Signing Intermediate,O=Example", root);
        rootFile = TestPki.writePem(dir.resolve("root.pem"), List.of(root.leaf()));
    }

    @Test
    void verify_chainThroughIntermediate_isTrusted() {
        Path chain = chainFile("CN=node-1,O=Example");

        CliRunner.Result result = verify("--chain", chain.toString(), "--ca", rootFile.toString());

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("result:            TRUSTED");
        assertThat(result.out()).contains("leaf DN:           CN=node-1,O=Example");
        assertThat(result.out()).contains("trust anchor:      [CN=Example Root CA,O=Example]");
    }

    @Test
    void verify_withMatchingPattern_isTrustedAndMatched() {
        Path chain = chainFile("CN=node-1,O=Example");

        CliRunner.Result result =
                verify("--chain", chain.toString(), "--ca", rootFile.toString(), "--pattern", "CN=node-.*,O=Example");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("identity:          MATCH");
    }

    @Test
    void verify_withOtherPattern_isNoMatch() {
        Path chain = chainFile("CN=node-1,O=Example");

        CliRunner.Result result =
                verify("--chain", chain.toString(), "--ca", rootFile.toString(), "--pattern", "CN=node-2,O=Example");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("result:            TRUSTED");
        assertThat(result.out()).contains("identity:          NO MATCH (identity_mismatch)");
    }

    @Test
    void verify_missingIntermediate_isUntrusted() {
        Path leafOnly = TestPki.writePem(
                dir.resolve("leaf.pem"),
                List.of(TestPki.leaf("CN=node-1", intermediate).leaf()));

        CliRunner.Result result = verify("--chain", leafOnly.toString(), "--ca", rootFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("UNTRUSTED (untrusted_chain)");
        assertThat(result.out()).contains("trusted CAs:", "CN=Example Root CA,O=Example");
    }

    @Test
    void verify_otherCa_isUntrusted() {
        IssuedCertificate otherRoot = TestPki.rootCa("CN=Other Root");
        Path chain = TestPki.writeChain(dir.resolve("chain.pem"), TestPki.leaf("CN=node-1", otherRoot));

        CliRunner.Result result = verify("--chain", chain.toString(), "--ca", rootFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("UNTRUSTED (untrusted_chain)");
    }

    @Test
    void verify_expiredLeaf_isCertificateExpired() {
        IssuedCertificate old = TestPki.leaf(
                "CN=old",
                intermediate,
                Instant.now().minusSeconds(7200),
                Instant.now().minusSeconds(3600));
        Path chain = TestPki.writeChain(dir.resolve("old.pem"), old);

        CliRunner.Result result = verify("--chain", chain.toString(), "--ca", rootFile.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("UNTRUSTED (certificate_expired)");
    }

    @Test
    void verify_atFutureInstant_isCertificateExpired() {
        Path chain = chainFile("CN=node-1");

        CliRunner.Result result =
                verify("--chain", chain.toString(), "--ca", rootFile.toString(), "--at", "2099-01-01T00:00:00Z");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("certificate_expired", "2099-01-01T00:00:00Z");
    }

    @Test
    void verify_truststore_isTrusted() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root.leaf());
        Path truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            store.store(out, "trust-pw".toCharArray());
        }
        Path chain = chainFile("CN=node-1");

        CliRunner.Result result = new CliRunner()
                .env(Map.of("TRUST_PW", "trust-pw"))
                .run(
                        "identity",
                        "verify",
                        "--chain",
                        chain.toString(),
                        "--truststore",
                        truststore.toString(),
                        "--pass-env",
                        "TRUST_PW");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.all()).doesNotContain("trust-pw");
    }

    @Test
    void verify_opensslChain_isTrusted() {
        assumeTrue(OpenSsl.available(), "openssl is not installed");
        OpenSsl.runOk(
                dir,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "o-root.key",
                "-out",
                "o-root.pem",
                "-days",
                "30",
                "-subj",
                "/O=Example/CN=Example Root CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        OpenSsl.runOk(
                dir,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "o-leaf.key",
                "-out",
                "o-leaf.csr",
                "-subj",
                "/O=Example/OU=Search/CN=node-1.example.com");
        OpenSsl.runOk(
                dir,
                "x509",
                "-req",
                "-in",
                "o-leaf.csr",
                "-CA",
                "o-root.pem",
                "-CAkey",
                "o-root.key",
                "-CAcreateserial",
                "-days",
                "10",
                "-out",
                "o-leaf.pem");

        CliRunner.Result result = verify(
                "--chain",
                dir.resolve("o-leaf.pem").toString(),
                "--ca",
                dir.resolve("o-root.pem").toString(),
                "--pattern",
                "CN=node-1\\.example\\.com,OU=Search,O=Example");

        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    @Test
    void verify_missingChainFile_isInputError() {
        CliRunner.Result result = verify("--chain", dir.resolve("none.pem").toString(), "--ca", rootFile.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--chain] file", "does not exist");
    }

    @Test
    void verify_caFileWithoutCertificate_isInputError() throws Exception {
        Path chain = chainFile("CN=node-1");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");

        CliRunner.Result result = verify("--chain", chain.toString(), "--ca", empty.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("empty.pem");
    }

    @Test
    void verify_withoutTrust_isUsageError() {
        Path chain = chainFile("CN=node-1");

        CliRunner.Result result = verify("--chain", chain.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--ca", "--truststore");
    }

    @Test
    void verify_invalidPattern_isUsageError() {
        Path chain = chainFile("CN=node-1");

        CliRunner.Result result = verify("--chain", chain.toString(), "--ca", rootFile.toString(), "--pattern", "[");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--pattern]");
    }

    private Path chainFile(String dn) {
        return TestPki.writeChain(dir.resolve("chain.pem"), TestPki.leaf(dn, intermediate));
    }

    private static CliRunner.Result verify(String... args) {
        List<String> full = new ArrayList<>(List.of("identity", "verify"));
        full.addAll(List.of(args));
        return new CliRunner().run(full.toArray(String[]::new));
    }
}
