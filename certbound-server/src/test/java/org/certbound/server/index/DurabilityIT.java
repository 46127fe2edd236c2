package org.certbound.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityIT {
    private static final int ACKS_BEFORE_KILL = 600;

    @TempDir
    Path data;

    @Test
    void acknowledgedWrites_surviveKill() throws Exception {
        Process child = startChild();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = output.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                }
            }
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        try (IndicesService indices = IndicesService.open(data)) {
            List<String> lost = new ArrayList<>();
            for (String id : acknowledged) {
                if (!indices.get("durable", id).found()) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("acknowledged documents missing after kill -9").isEmpty();
            indices.refresh("durable");
            assertThat(indices.shard("durable").stats().docsCount()).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        }
    }

    private Process startChild() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(), data.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
