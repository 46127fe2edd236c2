package org.certbound.server.index.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.TestJson;
import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLogsTest {
    @TempDir
    Path data;

    @Test
    void document_sameSeedSameDocument() {
        SampleLogs first = new SampleLogs(7, 1000);
        SampleLogs second = new SampleLogs(7, 1000);

        assertThat(first.document(123)).isEqualTo(second.document(123));
        assertThat(first.document(123)).isNotEqualTo(new SampleLogs(8, 1000).document(123));
        assertThat(first.document(123)).isNotEqualTo(first.document(124));
    }

    @Test
    void bulkBodies_batchSizeDoesNotChangeData() {
        SampleLogs logs = new SampleLogs(1, 25);

        String small = String.join("", logs.bulkBodyList(4));
        String large = String.join("", logs.bulkBodyList(100));

        assertThat(logs.bulkBodyList(4)).hasSize(7);
        assertThat(small).isEqualTo(large);
        assertThat(small.lines()).hasSize(50);
        assertThat(small.lines().findFirst().orElseThrow()).isEqualTo("{\"index\":{\"_id\":\"log-00000000\"}}");
    }

    @Test
    void document_hasEveryFieldInRange() {
        JsonNode document = new SampleLogs(3, 100).document(50);

        assertThat(document.fieldNames())
                .toIterable()
                .containsExactly(
                        "@timestamp", "client", "method", "path", "status", "bytes", "user_agent", "tenant", "message");
        assertThat(document.get("@timestamp").asText()).startsWith("2026-01-");
        assertThat(document.at("/client/ip").asText()).matches("10\\.\\d+\\.\\d+\\.\\d+");
        assertThat(document.get("status").asInt()).isBetween(200, 599);
        assertThat(document.get("tenant").asText()).matches("tenant-\\d+");
    }

    @Test
    void constructor_rejectsInvalidArguments() {
        assertThatThrownBy(() -> new SampleLogs(1, 0)).hasMessageContaining("[count]");
        assertThatThrownBy(() -> new SampleLogs(1, 5).bulkBodies(0)).hasMessageContaining("[batchSize]");
        assertThatThrownBy(() -> new SampleLogs(1, 5).document(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void loads_throughBulkIntoTheMappedIndex() throws Exception {
        SampleLogs logs = new SampleLogs(SampleLogs.DEFAULT_SEED, 2000);
        try (IndicesService indices = IndicesService.open(data)) {
            indices.createIndex("logs", SampleLogs.createIndexBody());
            for (String body : logs.bulkBodyList(500)) {
                assertThat(indices.bulk("logs", body, Refresh.FALSE)
                                .get("errors")
                                .asBoolean())
                        .isFalse();
            }
            indices.refresh("logs");

            JsonNode response = new SearchService(indices)
                    .search(
                            "logs",
                            TestJson.json("{'size':0,'aggs':{'s':{'terms':{'field':'status'}},"
                                    + "'d':{'date_histogram':{'field':'@timestamp','calendar_interval':'day'}}}}"),
                            SearchParameters.NONE);

            assertThat(response.at("/hits/total/value").asLong()).isEqualTo(2000);
            assertThat(response.at("/aggregations/s/buckets/0/key").asInt()).isEqualTo(200);
            assertThat(response.at("/aggregations/d/buckets")).hasSize(30);
            assertThat(indices.shard("logs").metadata().mappings().allFields())
                    .extracting(field -> field.path())
                    .containsAll(List.of("client.ip", "user_agent.keyword", "message"));
        }
    }
}
