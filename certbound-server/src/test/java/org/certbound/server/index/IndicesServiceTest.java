package org.certbound.server.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;
import static org.certbound.server.index.TestJson.jsonText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndicesServiceTest {
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
    void createIndex_thenGetIndex() {
        ObjectNode created = indices.createIndex(
                "logs",
                json(
                        "{'settings':{'number_of_shards':3,'index':{'number_of_replicas':0}},"
                                + "'mappings':{'properties':{'status':{'type':'long'},'client':{'properties':{'ip':{'type':'keyword'}}}}}}"));

        assertThat(created).isEqualTo(json("{'acknowledged':true,'shards_acknowledged':true,'index':'logs'}"));
        JsonNode index =
                indices.getIndex("logs", IndexExpressions.Options.STRICT).get("logs");
        assertThat(index.get("aliases")).isEqualTo(json("{}"));
        assertThat(index.at("/mappings/properties/status/type").asText()).isEqualTo("long");
        assertThat(index.at("/mappings/properties/client/properties/ip/type").asText())
                .isEqualTo("keyword");
        assertThat(index.at("/settings/index/number_of_shards").asText()).isEqualTo("3");
        assertThat(index.at("/settings/index/number_of_replicas").asText()).isEqualTo("0");
        assertThat(index.at("/settings/index/uuid").asText()).hasSize(22);
    }

    @Test
    void createIndex_existing_throwsResourceAlreadyExists() {
        indices.createIndex("logs", null);

        assertThatThrownBy(() -> indices.createIndex("logs", null)).isInstanceOfSatisfying(IndexException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("resource_already_exists_exception");
            assertThat(e.metadata()).containsEntry("index", "logs");
        });
    }

    @Test
    void createIndex_unknownSetting_throwsIllegalArgument() {
        assertThatThrownBy(() -> indices.createIndex("logs", json("{'settings':{'index.foo':1}}")))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("illegal_argument_exception");
                    assertThat(e.reason()).contains("[index.foo]");
                });
    }

    @Test
    void createIndex_unsupportedFieldType_throwsMapperParsing() {
        assertThatThrownBy(() ->
                        indices.createIndex("logs", json("{'mappings':{'properties':{'loc':{'type':'geo_point'}}}}")))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("mapper_parsing_exception");
                    assertThat(e.reason()).contains("[geo_point]").contains("[loc]");
                });
    }

    @Test
    void deleteIndex_removesIndexAndItsDirectory() throws Exception {
        indices.createIndex("logs", null);
        Path directory = indices.shard("logs").path();

        assertThat(indices.deleteIndex("logs")).isEqualTo(json("{'acknowledged':true}"));
        assertThat(indices.exists("logs")).isFalse();
        assertThat(directory).doesNotExist();
        assertThatThrownBy(() -> indices.deleteIndex("logs"))
                .isInstanceOfSatisfying(
                        IndexException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void deleteIndex_wildcard_isRejected() {
        indices.createIndex("logs", null);

        assertThatThrownBy(() -> indices.deleteIndex("log*"))
                .isInstanceOfSatisfying(
                        IndexException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(indices.exists("logs")).isTrue();
    }

    @Test
    void getIndex_missing_throwsIndexNotFound() {
        assertThatThrownBy(() -> indices.getIndex("nope", IndexExpressions.Options.STRICT))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("index_not_found_exception");
                    assertThat(e.reason()).isEqualTo("no such index [nope]");
                    assertThat(e.toErrorBody().at("/error/root_cause/0/index").asText())
                            .isEqualTo("nope");
                });
    }

    @Test
    void index_withIdThenAgain_createsThenUpdates() {
        WriteResult first = indices.index("logs", "1", json("{'status':200}"), OpType.INDEX, Refresh.FALSE);
        WriteResult second = indices.index("logs", "1", json("{'status':404}"), OpType.INDEX, Refresh.FALSE);

        assertThat(first.result()).isEqualTo(WriteResult.Result.CREATED);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.seqNo()).isEqualTo(0);
        assertThat(second.result()).isEqualTo(WriteResult.Result.UPDATED);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.seqNo()).isEqualTo(1);
        assertThat(second.toJson(false).toString())
                .isEqualTo(jsonText("{'_index':'logs','_id':'1','_version':2,'result':'updated',"
                        + "'_shards':{'total':2,'successful':1,'failed':0},'_seq_no':1,'_primary_term':1}"));
    }

    @Test
    void index_withoutId_generatesTwentyCharacterId() {
        WriteResult result = indices.index("logs", null, json("{'a':1}"), OpType.INDEX, Refresh.FALSE);

        assertThat(result.id()).hasSize(20).matches("[A-Za-z0-9_-]{20}");
        assertThat(indices.get("logs", result.id()).found()).isTrue();
    }

    @Test
    void index_createExisting_conflicts() {
        indices.index("logs", "1", json("{'a':1}"), OpType.CREATE, Refresh.FALSE);

        assertThatThrownBy(() -> indices.index("logs", "1", json("{'a':2}"), OpType.CREATE, Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.type()).isEqualTo("version_conflict_engine_exception");
                    assertThat(e.reason()).contains("document already exists (current version [1])");
                });
    }

    @Test
    void index_valueOfWrongType_throwsDocumentParsing() {
        indices.createIndex("logs", json("{'mappings':{'properties':{'status':{'type':'long'}}}}"));

        assertThatThrownBy(() -> indices.index("logs", "1", json("{'status':'abc'}"), OpType.INDEX, Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.type()).isEqualTo("document_parsing_exception");
                    assertThat(e.reason())
                            .contains("[status]")
                            .contains("[long]")
                            .contains("'1'");
                });
    }

    @Test
    void index_strictNewField_rejected() {
        indices.createIndex("logs", json("{'mappings':{'dynamic':'strict','properties':{'status':{'type':'long'}}}}"));

        assertThatThrownBy(() -> indices.index("logs", "1", json("{'foo':'x'}"), OpType.INDEX, Refresh.FALSE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.type()).isEqualTo("strict_dynamic_mapping_exception");
                    assertThat(e.reason()).contains("[foo]").contains("[_doc]");
                });
    }

    @Test
    void index_dynamicFalse_keepsSource() {
        indices.createIndex("logs", json("{'mappings':{'dynamic':false}}"));

        indices.index("logs", "1", json("{'foo':'x'}"), OpType.INDEX, Refresh.FALSE);

        assertThat(indices.get("logs", "1").source()).isEqualTo(json("{'foo':'x'}"));
        assertThat(indices.shard("logs").metadata().mappings().field("foo")).isNull();
    }

    @Test
    void index_dynamicMapping_infersTypesAndPersists() throws Exception {
        indices.index(
                "logs",
                "1",
                json("{'msg':'hello','n':3,'f':1.5,'ok':true,'ts':'2024-01-02T03:04:05Z','o':{'k':'v'}}"),
                OpType.INDEX,
                Refresh.FALSE);
        indices.close();
        indices = IndicesService.open(data);

        JsonNode properties =
                indices.getIndex("logs", IndexExpressions.Options.STRICT).at("/logs/mappings/properties");
        assertThat(properties.at("/msg/type").asText()).isEqualTo("text");
        assertThat(properties.at("/msg/fields/keyword/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/msg/fields/keyword/ignore_above").asInt()).isEqualTo(256);
        assertThat(properties.at("/n/type").asText()).isEqualTo("long");
        assertThat(properties.at("/f/type").asText()).isEqualTo("float");
        assertThat(properties.at("/ok/type").asText()).isEqualTo("boolean");
        assertThat(properties.at("/ts/type").asText()).isEqualTo("date");
        assertThat(properties.at("/o/properties/k/type").asText()).isEqualTo("text");
    }

    @Test
    void get_returnsSourceAndVersionBeforeRefresh() {
        indices.index("logs", "1", json("{'a':1}"), OpType.INDEX, Refresh.FALSE);

        GetResult result = indices.get("logs", "1");

        assertThat(result.toJson(result.source()).toString())
                .isEqualTo(jsonText("{'_index':'logs','_id':'1','_version':1,'_seq_no':0,'_primary_term':1,"
                        + "'found':true,'_source':{'a':1}}"));
        assertThat(indices.get("logs", "2").toJson(null)).isEqualTo(json("{'_index':'logs','_id':'2','found':false}"));
    }

    @Test
    void delete_thenDeleteMissing() {
        indices.index("logs", "1", json("{'a':1}"), OpType.INDEX, Refresh.FALSE);

        WriteResult deleted = indices.delete("logs", "1", Refresh.TRUE);
        WriteResult missing = indices.delete("logs", "1", Refresh.FALSE);

        assertThat(deleted.result()).isEqualTo(WriteResult.Result.DELETED);
        assertThat(deleted.version()).isEqualTo(2);
        assertThat(missing.result()).isEqualTo(WriteResult.Result.NOT_FOUND);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(indices.get("logs", "1").found()).isFalse();
    }

    @Test
    void catIndices_reportsCountsAfterRefresh() {
        indices.createIndex("logs", json("{'settings':{'number_of_replicas':0}}"));
        indices.index("logs", "1", json("{'a':1}"), OpType.INDEX, Refresh.FALSE);
        indices.index("logs", "2", json("{'a':1}"), OpType.INDEX, Refresh.FALSE);
        indices.index("logs", "2", json("{'a':2}"), OpType.INDEX, Refresh.TRUE);

        ArrayNode rows = indices.catIndices(null);

        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("health").asText()).isEqualTo("green");
        assertThat(row.get("status").asText()).isEqualTo("open");
        assertThat(row.get("index").asText()).isEqualTo("logs");
        assertThat(row.get("pri").asText()).isEqualTo("1");
        assertThat(row.get("rep").asText()).isEqualTo("0");
        assertThat(row.get("docs.count").asText()).isEqualTo("2");
        assertThat(Long.parseLong(row.get("store.size").asText())).isPositive();
    }

    @Test
    void reopen_replaysTranslogWithoutFlush() throws Exception {
        indices.index("logs", "1", json("{'a':1}"), OpType.INDEX, Refresh.FALSE);
        indices.index("logs", "2", json("{'a':2}"), OpType.INDEX, Refresh.FALSE);
        indices.delete("logs", "2", Refresh.FALSE);
        indices.close();

        indices = IndicesService.open(data);

        assertThat(indices.get("logs", "1").source()).isEqualTo(json("{'a':1}"));
        assertThat(indices.get("logs", "2").found()).isFalse();
        WriteResult next = indices.index("logs", "1", json("{'a':3}"), OpType.INDEX, Refresh.FALSE);
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.seqNo()).isEqualTo(3);
    }

    @Test
    void forceMerge_mergesSegmentsAndKeepsDocuments() {
        indices.createIndex("logs", null);
        for (int i = 0; i < 3; i++) {
            indices.index("logs", "doc-" + i, json("{'status':200}"), OpType.INDEX, Refresh.TRUE);
        }
        indices.index("logs", "doc-0", json("{'status':404}"), OpType.INDEX, Refresh.TRUE);
        assertThat(indices.shard("logs").segmentCount()).isGreaterThan(1);

        ObjectNode response = indices.forceMerge("logs", 1);

        assertThat(response).isEqualTo(json("{'_shards':{'total':1,'successful':1,'failed':0}}"));
        assertThat(indices.shard("logs").segmentCount()).isEqualTo(1);
        assertThat(indices.shard("logs").stats().docsCount()).isEqualTo(3);
        JsonNode replaced = new SearchService(indices)
                .search("logs", json("{'query':{'term':{'status':404}}}"), SearchParameters.NONE);
        assertThat(replaced.at("/hits/total/value").asLong()).isEqualTo(1);
        assertThat(replaced.at("/hits/hits/0/_id").asText()).isEqualTo("doc-0");
    }

    @Test
    void forceMerge_belowOneSegment_throws() {
        indices.createIndex("logs", null);

        assertThatThrownBy(() -> indices.forceMerge("logs", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[max_num_segments]")
                .hasMessageContaining("[0]");
    }
}
