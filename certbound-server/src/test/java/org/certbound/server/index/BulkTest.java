package org.certbound.server.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;
import static org.certbound.server.index.TestJson.jsonText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkTest {
    @TempDir
    Path data;

    private IndicesService indices;

    @BeforeEach
    void open() {
        indices = IndicesService.open(data);
    }

    @AfterEach
    void close() throws Exception {
        indices.close();
    }

    @Test
    void bulk_allActions_returnElasticsearchItemShapes() {
        String body = """
                {"index":{"_index":"logs","_id":"1"}}
                {"status":200}
                {"create":{"_index":"logs","_id":"2"}}
                {"status":404}
                {"update":{"_index":"logs","_id":"1"}}
                {"doc":{"bytes":10}}
                {"delete":{"_index":"logs","_id":"2"}}
                """;

        ObjectNode response = indices.bulk(null, body, Refresh.FALSE);

        assertThat(response.get("errors").asBoolean()).isFalse();
        assertThat(response.get("took").isIntegralNumber()).isTrue();
        JsonNode items = response.get("items");
        assertThat(items).hasSize(4);
        assertThat(items.get(0).toString())
                .isEqualTo(
                        jsonText(
                                "{'index':{'_index':'logs','_id':'1','_version':1,'result':'created',"
                                        + "'_shards':{'total':2,'successful':1,'failed':0},'_seq_no':0,'_primary_term':1,'status':201}}"));
        assertThat(items.get(1).at("/create/result").asText()).isEqualTo("created");
        assertThat(items.get(2).at("/update/result").asText()).isEqualTo("updated");
        assertThat(items.get(2).at("/update/_version").asLong()).isEqualTo(2);
        assertThat(items.get(2).at("/update/status").asInt()).isEqualTo(200);
        assertThat(items.get(3).at("/delete/result").asText()).isEqualTo("deleted");
        assertThat(indices.get("logs", "1").source()).isEqualTo(json("{'status':200,'bytes':10}"));
    }

    @Test
    void bulk_itemFailures_setErrors() {
        indices.createIndex("logs", json("{'mappings':{'properties':{'status':{'type':'long'}}}}"));
        String body = """
                {"index":{"_id":"1"}}
                {"status":"abc"}
                {"create":{"_id":"2"}}
                {"status":1}
                {"create":{"_id":"2"}}
                {"status":2}
                {"update":{"_id":"9"}}
                {"doc":{"status":3}}
                """;

        ObjectNode response = indices.bulk("logs", body, Refresh.FALSE);

        assertThat(response.get("errors").asBoolean()).isTrue();
        JsonNode items = response.get("items");
        assertThat(items.at("/0/index/status").asInt()).isEqualTo(400);
        assertThat(items.at("/0/index/error/type").asText()).isEqualTo("document_parsing_exception");
        assertThat(items.at("/0/index/_id").asText()).isEqualTo("1");
        assertThat(items.at("/1/create/status").asInt()).isEqualTo(201);
        assertThat(items.at("/2/create/status").asInt()).isEqualTo(409);
        assertThat(items.at("/2/create/error/type").asText()).isEqualTo("version_conflict_engine_exception");
        assertThat(items.at("/2/create/error/index").asText()).isEqualTo("logs");
        assertThat(items.at("/3/update/status").asInt()).isEqualTo(404);
        assertThat(items.at("/3/update/error/type").asText()).isEqualTo("document_missing_exception");
        assertThat(indices.get("logs", "2").source()).isEqualTo(json("{'status':1}"));
    }

    @Test
    void bulk_upsertThenNoop() {
        String body = """
                {"update":{"_index":"logs","_id":"1"}}
                {"doc":{"a":1},"doc_as_upsert":true}
                {"update":{"_index":"logs","_id":"1"}}
                {"doc":{"a":1}}
                """;

        JsonNode items = indices.bulk(null, body, Refresh.FALSE).get("items");

        assertThat(items.at("/0/update/result").asText()).isEqualTo("created");
        assertThat(items.at("/0/update/status").asInt()).isEqualTo(201);
        assertThat(items.at("/1/update/result").asText()).isEqualTo("noop");
        assertThat(items.at("/1/update/_version").asLong()).isEqualTo(1);
        assertThat(items.at("/1/update/_shards/total").asInt()).isEqualTo(0);
    }

    @Test
    void bulk_autoIdCreatesDocument() {
        JsonNode items = indices.bulk("logs", "{\"index\":{}}\n{\"a\":1}\n", Refresh.FALSE)
                .get("items");

        String id = items.at("/0/index/_id").asText();
        assertThat(id).hasSize(20);
        assertThat(indices.get("logs", id).found()).isTrue();
    }

    @Test
    void bulk_refreshTrue_makesDocumentsSearchableAtOnce() {
        indices.bulk("logs", "{\"index\":{\"_id\":\"1\"}}\n{\"a\":1}\n", Refresh.TRUE);

        assertThat(indices.shard("logs").stats().docsCount()).isEqualTo(1);
    }

    @Test
    void bulk_unknownAction_failsWholeRequest() {
        assertThatThrownBy(() -> indices.bulk("logs", "{\"upsert\":{}}\n{}\n", Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("illegal_argument_exception");
                    assertThat(e.reason())
                            .contains("Malformed action/metadata line [1]")
                            .contains("[upsert]");
                });
    }

    @Test
    void bulk_missingSourceLine_failsWholeRequest() {
        assertThatThrownBy(() -> indices.bulk("logs", "{\"index\":{\"_id\":\"1\"}}\n", Refresh.FALSE))
                .isInstanceOfSatisfying(
                        IndexException.class, e -> assertThat(e.reason()).contains("line [1]"));
    }

    @Test
    void bulk_invalidJsonLine_throwsContentParse() {
        assertThatThrownBy(() -> indices.bulk("logs", "{\"index\":{}}\n{not json}\n", Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("x_content_parse_exception");
                    assertThat(e.reason()).startsWith("[2:");
                });
    }

    @Test
    void bulk_tooDeeplyNestedLine_throwsContentParseNamingTheLine() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThatThrownBy(() -> indices.bulk("logs", "{\"index\":{}}\n" + deep + "\n", Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("x_content_parse_exception");
                    assertThat(e.reason()).startsWith("[2] failed to parse bulk line [2]: ");
                    assertThat(e.reason()).contains("nesting depth");
                });
    }

    @Test
    void bulk_optimisticConcurrency_isRejected() {
        assertThatThrownBy(
                        () -> indices.bulk("logs", "{\"index\":{\"_id\":\"1\",\"if_seq_no\":3}}\n{}\n", Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("illegal_argument_exception");
                    assertThat(e.reason()).contains("[if_seq_no]");
                });
        assertThat(indices.exists("logs")).isFalse();
    }

    @Test
    void bulk_empty_throwsValidation() {
        assertThatThrownBy(() -> indices.bulk("logs", "\n", Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("action_request_validation_exception");
                    assertThat(e.reason()).isEqualTo("Validation Failed: 1: no requests added;");
                });
    }

    @Test
    void bulk_deleteWithoutId_throwsValidation() {
        assertThatThrownBy(() -> indices.bulk("logs", "{\"delete\":{}}\n", Refresh.FALSE))
                .isInstanceOfSatisfying(
                        IndexException.class, e -> assertThat(e.reason()).contains("id is missing"));
    }
}
