package org.certbound.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.cli.testing.CliRunner;
import org.certbound.cli.testing.OpenSsl;
import org.certbound.cli.testing.TestPki;
import org.certbound.server.remote.verify.RemoteVerifySettings;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestCommandTest {

    private static final String DN = "CN=node-1.example.com,OU=Search,O=Example Org,C=US";
    private static final String EXACT = "CN=node-1\\.example\\.com,OU=Search,O=Example Org,C=US";

    @TempDir
    Path dir;

    @Test
    void test_escapedCanonicalPattern_matchesCertificate() {
        Path cert = leafFile(DN);

        CliRunner.Result result = test("--cert", cert.toString(), "--pattern", EXACT);

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("result:            MATCH");
        assertThat(result.out()).contains("canonical DN:      " + DN);
    }

    @Test
    void test_cloudWildcardPattern_matchesCloudDn() {
        CliRunner.Result result = test(
                "--dn", "CN=instance-1.node.abc123.cluster.org-9", "--pattern", "CN=.*\\.node\\.abc123\\.cluster\\..*");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("MATCH");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C = US, O = Example Org, OU = Search, CN = node-1.example.com",
                "C=US,O=Example Org,OU=Search,CN=node-1\\.example\\.com",
                "/C=US/O=Example Org/OU=Search/CN=node-1.example.com",
                "CN=node-1\\.example\\.com, OU=Search, O=Example Org, C=US",
                "O=Example Org"
            })
    void test_commonMistakes_noMatchWithExactPattern(String pattern) {
        Path cert = leafFile(DN);

        CliRunner.Result result = test("--cert", cert.toString(), "--pattern", pattern);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
        assertThat(result.out()).contains("NO MATCH (identity_mismatch)");
        assertThat(result.out()).contains("exact pattern:     " + EXACT);
    }

    @Test
    void test_spacesAfterCommas_namesTheMistake() {
        CliRunner.Result result =
                test("--dn", DN, "--pattern", "CN=node-1\\.example\\.com, OU=Search, O=Example Org, C=US");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("likely mistake:", "spaces after commas");
    }

    @Test
    void test_substringPattern_doesNotMatchLongerDn() {
        CliRunner.Result result = test(
                "--dn",
                "CN=node-1.example.com.evil.net,OU=Search,O=Example",
                "--pattern",
                "CN=node-1\\.example\\.com,OU=Search,O=Example");

        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void test_caseDiffers_noMatchUnlessCaseInsensitive() {
        CliRunner.Result plain = test("--dn", "CN=Node-1,O=Example", "--pattern", "CN=node-1,O=Example");
        CliRunner.Result insensitive = test("--dn", "CN=Node-1,O=Example", "--pattern", "(?i)cn=node-1,o=example");

        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(insensitive.exitCode()).isZero();
    }

    @Test
    void test_unescapedDot_matchesWithWarning() {
        CliRunner.Result result = test(
                "--dn",
                "CN=node-1Xexample-com,OU=Search,O=Example",
                "--pattern",
                "CN=node-1.example.com,OU=Search,O=Example");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("warning:", "unescaped '.'");
    }

    @Test
    void test_slashDnInput_isCanonicalized() {
        CliRunner.Result result = test("--dn", "/O=Example/CN=node-1", "--pattern", "CN=node-1,O=Example");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("DN as given:       /O=Example/CN=node-1");
        assertThat(result.out()).contains("canonical DN:      CN=node-1,O=Example");
    }

    @Test
    void test_catastrophicPattern_timesOut() {
        String dn = "CN=" + "a".repeat(28) + "!";

        CliRunner.Result result = test("--dn", dn, "--pattern", "CN=(.*a){12}", "--budget", "5");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("NO MATCH (pattern_timeout)");
        assertThat(result.out()).contains("ran over its budget of 5ms; simplify");
        assertThat(result.out()).contains("likely mistake:    matching ran over its budget of 5ms;");
    }

    @Test
    void test_catastrophicPattern_usesNodeBudget() {
        String dn = "CN=" + "a".repeat(28) + "!";
        long nodeDefault = RemoteVerifySettings.PATTERN_TIMEOUT
                .defaultValue(Settings.EMPTY)
                .toMillis();

        CliRunner.Result result = test("--dn", dn, "--pattern", "CN=(.*a){12}");

        assertThat(nodeDefault).isEqualTo(100);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("ran over its budget of 100ms; simplify");
        assertThat(result.out()).contains("likely mistake:    matching ran over its budget of 100ms;");
    }

    @Test
    void test_opensslCertificate_matchesRfc2253Subject() {
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
                "o.key",
                "-out",
                "o.pem",
                "-days",
                "1",
                "-subj",
                "/C=US/O=Example Org/OU=Search/CN=node-1.example.com");
        String subject = OpenSsl.runOk(dir, "x509", "-in", "o.pem", "-noout", "-subject", "-nameopt", "RFC2253")
                .strip()
                .substring("subject=".length());

        CliRunner.Result result =
                test("--cert", dir.resolve("o.pem").toString(), "--pattern", subject.replace(".", "\\."));

        assertThat(subject).isEqualTo(DN);
        assertThat(result.exitCode()).as(result.all()).isZero();
    }

    @Test
    void test_invalidPattern_isUsageError() {
        CliRunner.Result result = test("--dn", DN, "--pattern", "CN=(node");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--pattern]", "not a valid Java regular expression");
    }

    @Test
    void test_blankPattern_isUsageError() {
        CliRunner.Result result = test("--dn", DN, "--pattern", "  ");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("blank");
    }

    @Test
    void test_unparseableDn_isUsageError() {
        CliRunner.Result result = test("--dn", "not a dn", "--pattern", "CN=x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--dn] value [not a dn] is not a DN");
    }

    @Test
    void test_certAndDnTogether_isUsageError() {
        Path cert = leafFile(DN);

        CliRunner.Result result = test("--cert", cert.toString(), "--dn", DN, "--pattern", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void test_missingCertFile_isInputError() {
        CliRunner.Result result = test("--cert", dir.resolve("none.pem").toString(), "--pattern", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("[--cert] file", "does not exist");
    }

    @Test
    void test_help_documentsExitCodes() {
        CliRunner.Result result = test("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Exit codes: 0 match, 1 no match", "2 usage or input error");
    }

    private static CliRunner.Result test(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "identity";
        full[1] = "test";
        System.arraycopy(args, 0, full, 2, args.length);
        return new CliRunner().run(full);
    }

    private Path leafFile(String dn) {
        IssuedCertificate root = TestPki.rootCa("CN=Root");
        return TestPki.writePem(
                dir.resolve("leaf.pem"), List.of(TestPki.leaf(dn, root).leaf()));
    }
}
