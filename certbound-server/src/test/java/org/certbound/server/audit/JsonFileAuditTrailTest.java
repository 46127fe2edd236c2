package org.certbound.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileAuditTrailTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path logs;

    @Test
    void record_disabled_writesNothing() {
        JsonFileAuditTrail trail = JsonFileAuditTrail.inLogsDir(logs);

        trail.record(failure());

        assertThat(logs.resolve("certbound_audit.json")).doesNotExist();
    }

    @Test
    void record_enabled_writesOneObjectPerLine() throws Exception {
        try (JsonFileAuditTrail trail = JsonFileAuditTrail.inLogsDir(logs)) {
            trail.setEnabled(true);

            trail.record(failure());
            trail.record(success());
        }

        List<String> lines = Files.readAllLines(logs.resolve("certbound_audit.json"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        JsonNode first = MAPPER.readTree(lines.get(0));
        assertThat(first.get("@timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(first.get("event.action").asText()).isEqualTo("authentication_failed");
        assertThat(first.get("event.origin").asText()).isEqualTo("remote_cluster");
        assertThat(first.get("reason_code").asText()).isEqualTo("identity_mismatch");
        assertThat(first.get("request.id").asText()).isEqualTo("req-1");
        assertThat(first.get("action").asText()).isEqualTo("indices:data/read/search");
        assertThat(first.get("origin.address").asText()).isEqualTo("127.0.0.1:50123");
        assertThat(first.get("apikey.id").asText()).isEqualTo("key-1");
        assertThat(first.get("certificate.dn").asText()).isEqualTo("CN=node-1,O=Example");
        assertThat(first.get("certificate.sha256").asText()).isEqualTo("ab12");
        assertThat(first.get("signature.algorithm").asText()).isEqualTo("ES256");
        JsonNode second = MAPPER.readTree(lines.get(1));
        assertThat(second.get("event.action").asText()).isEqualTo("access_granted");
        assertThat(second.has("reason_code")).isFalse();
        assertThat(second.has("certificate.dn")).isFalse();
        assertThat(second.get("user.name").asText()).isEqualTo("alice");
        assertThat(second.get("index").asText()).isEqualTo("logs-1");
    }

    @Test
    void record_ipv6Origin_bracketsTheAddress() throws Exception {
        AuditEvent event = AuditEvent.builder(AuditEventType.ACCESS_DENIED, AuditEvent.ORIGIN_REST, "r", "GET /")
                .originAddress(new InetSocketAddress("::1", 9200))
                .build();

        JsonNode json = MAPPER.readTree(JsonFileAuditTrail.toJsonLine(event));

        assertThat(json.get("origin.address").asText()).isEqualTo("[0:0:0:0:0:0:0:1]:9200");
    }

    @Test
    void setEnabled_offThenOn_appendsToTheSameFile() throws Exception {
        JsonFileAuditTrail trail = JsonFileAuditTrail.inLogsDir(logs);
        trail.setEnabled(true);
        trail.record(failure());
        trail.setEnabled(false);
        trail.record(failure());

        trail.setEnabled(true);
        trail.record(success());
        trail.close();

        assertThat(Files.readAllLines(trail.file())).hasSize(2);
    }

    @Test
    void record_fileUnwritable_retriesOnTheNextEvent() throws Exception {
        JsonFileAuditTrail trail = JsonFileAuditTrail.inLogsDir(logs);
        Files.createDirectories(trail.file());
        trail.setEnabled(true);
        trail.record(failure());

        Files.delete(trail.file());
        trail.record(success());
        trail.close();

        List<String> lines = Files.readAllLines(trail.file());
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("access_granted");
    }

    @Test
    void toJsonLine_reasonWithQuotesAndNewline_staysOneLine() {
        AuditEvent event = AuditEvent.builder(AuditEventType.AUTHENTICATION_FAILED, "rest", "r", "GET /")
                .reason("bad", "line one\nline \"two\"")
                .build();

        String line = JsonFileAuditTrail.toJsonLine(event);

        assertThat(line).doesNotContain("\n").contains("line one\\nline \\\"two\\\"");
    }

    private static AuditEvent failure() {
        return AuditEvent.builder(
                        AuditEventType.AUTHENTICATION_FAILED,
                        AuditEvent.ORIGIN_REMOTE_CLUSTER,
                        "req-1",
                        "indices:data/read/search")
                .timestamp(Instant.parse("2026-01-02T03:04:05Z"))
                .originAddress(new InetSocketAddress("127.0.0.1", 50123))
                .apiKeyId("key-1")
                .reason("identity_mismatch", "DN [CN=node-1,O=Example] does not match")
                .certificate(new AuditCertificate("CN=node-1,O=Example", "ab12", "ES256"))
                .build();
    }

    private static AuditEvent success() {
        return AuditEvent.builder(
                        AuditEventType.ACCESS_GRANTED,
                        AuditEvent.ORIGIN_REMOTE_CLUSTER,
                        "req-2",
                        "indices:data/read/search")
                .userName("alice")
                .index("logs-1")
                .build();
    }
}
