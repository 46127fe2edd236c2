package org.certbound.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.certbound.cli.docs.SettingsReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bin/certbound demo} from the built distribution and checks its exit code and summary table. */
class DemoIT {

    /** Settings the demo writes; a build without them cannot run it. */
    private static final List<String> REQUIRED_SETTINGS =
            List.of("remote_cluster_server.enabled", "cluster.remote.signing.certificate_authorities");

    @TempDir
    Path workDir;

    @Test
    void demo_fromDistribution_passesEveryCheck() throws Exception {
        assumeTrue(
                REQUIRED_SETTINGS.stream()
                        .allMatch(
                                key -> SettingsReference.registry().lookup(key).isPresent()),
                "this build lacks the remote cluster server or signature verification the demo needs");
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
        assertThat(output).containsPattern("\\| cross-cluster search with the matching certificate +\\| .*\\| PASS ");
        assertThat(output)
                .containsPattern("\\| stolen key from a third cluster +\\| rejected: identity_mismatch +\\| PASS ");
        assertThat(output).containsPattern("\\| unsigned request +\\| rejected: missing_signature +\\| PASS ");
        assertThat(output)
                .containsPattern("\\| certificate from an untrusted CA +\\| rejected: untrusted_chain +\\| PASS ");
        assertThat(output).containsPattern("\\| expired certificate +\\| rejected: certificate_expired +\\| PASS ");
        assertThat(output).containsPattern("\\| replayed request +\\| rejected: replayed_nonce +\\| PASS ");
        assertThat(output).doesNotContain("| FAIL ");
        assertThat(output)
                .doesNotContain(Files.readString(workDir.resolve("demo").resolve("elastic-password")));
    }
}
