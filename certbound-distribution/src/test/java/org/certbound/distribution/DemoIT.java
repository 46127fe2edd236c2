package org.certbound.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bin/certbound demo} from the built distribution and checks its exit code and summary table. */
class DemoIT {

    @TempDir
    Path workDir;

    @Test
    void demo_fromDistribution_passesEveryCheck() throws Exception {
        Path launcher = Path.of(System.getProperty("certbound.distribution"), "bin", "certbound");
        Path log = workDir.resolve("demo.out");

        Process process = new ProcessBuilder(
                        launcher.toString(),
                        "demo",
                        "--docs",
                        "5000",
                        "--dir",
                        workDir.resolve("demo").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);

        assertThat(finished).as("demo finished; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).contains("== Summary", "| check ");
        assertThat(output).contains("loading the first 5,000 of the sample data set's");
        assertThat(output).containsPattern("\\| load sample logs +\\| 5000 documents +\\| PASS ");
        assertThat(output).containsPattern("\\| reload the credentials from the keystore +\\| .*\\| PASS ");
        assertThat(output).containsPattern("\\| cross-cluster search with the matching certificate +\\| .*\\| PASS ");
        assertThat(output)
                .containsPattern("\\| stolen key from a third cluster +\\| rejected: identity_mismatch +\\| PASS ");
        assertThat(output).containsPattern("\\| unsigned request +\\| rejected: missing_signature +\\| PASS ");
        assertThat(output)
                .containsPattern("\\| certificate from an untrusted CA +\\| rejected: untrusted_chain +\\| PASS ");
        assertThat(output).containsPattern("\\| expired certificate +\\| rejected: certificate_expired +\\| PASS ");
        assertThat(output)
                .containsPattern(
                        "\\| expired certificate, on the querying cluster +\\| 400: the signing settings are rejected"
                                + " +\\| PASS ");
        assertThat(output).containsPattern("\\| replayed request +\\| rejected: replayed_nonce +\\| PASS ");
        assertThat(output).containsPattern("\\| cross-cluster search after the attacks +\\| .*\\| PASS ");
        assertThat(output).contains("15 of 15 checks behaved as expected.");
        assertThat(output).doesNotContain("| FAIL ");
        assertThat(output)
                .doesNotContain(Files.readString(workDir.resolve("demo").resolve("elastic-password")));
        assertThat(output).contains("\"api_key\":\"<redacted>\"");
        assertThat(output).doesNotContainPattern("\"(api_key|encoded)\":\"(?!<redacted>)");
    }
}
