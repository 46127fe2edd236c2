package org.certbound.server.index.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.index.TestJson.json;

import java.nio.file.Path;
import java.util.Map;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.security.IndexAccessControl;
import org.certbound.server.index.security.IndexPermissions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRestRoutesTest {
    @TempDir
    Path data;

    private IndicesService indices;
    private IndexRestRoutes routes;

    @BeforeEach
    void open() {
        indices = IndicesService.open(data);
        routes = new IndexRestRoutes(indices, new SearchService(indices));
    }

    @AfterEach
    void close() throws Exception {
        indices.close();
    }

    private record FakeRequest(
            String method,
            Map<String, String> parameters,
            Map<String, String> pathParameters,
            @Nullable String content,
            IndexAccessControl indexAccess)
            implements RestRequest {}

    private RestResponse call(String method, String path, Map<String, String> parameters, @Nullable String body) {
        return call(method, path, parameters, body, IndexAccessControl.UNRESTRICTED);
    }

    private RestResponse call(
            String method,
            String path,
            Map<String, String> parameters,
            @Nullable String body,
            IndexAccessControl access) {
        IndexRestRoutes.Match match = routes.match(method, path);
        assertThat(match).as(method + " " + path).isNotNull();
        return match.route()
                .handler()
                .handle(new FakeRequest(method, parameters, match.pathParameters(), body, access));
    }

    @Test
    void match_routesByMethodAndTemplate() {
        assertThat(routes.match("POST", "/_bulk").route().template()).isEqualTo("/_bulk");
        assertThat(routes.match("POST", "/logs/_bulk").pathParameters()).containsEntry("index", "logs");
        assertThat(routes.match("GET", "/_all/_search").pathParameters()).containsEntry("index", "_all");
        assertThat(routes.match("GET", "/logs/_doc/_x").pathParameters()).containsEntry("id", "_x");
        assertThat(routes.match("GET", "/_cat/indices").route().template()).isEqualTo("/_cat/indices");
        assertThat(routes.match("PATCH", "/logs")).isNull();
        assertThat(routes.match("PUT", "/_unknown")).isNull();
    }

    @Test
    void documentLifecycle_throughRoutes() {
        RestResponse created = call("PUT", "/logs/_doc/1", Map.of("refresh", "true"), "{\"a\":1}");
        RestResponse got = call("GET", "/logs/_doc/1", Map.of(), null);
        RestResponse missing = call("GET", "/logs/_doc/2", Map.of(), null);
        RestResponse conflict = call("PUT", "/logs/_create/1", Map.of(), "{\"a\":2}");
        RestResponse deleted = call("DELETE", "/logs/_doc/1", Map.of(), null);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("forced_refresh").asBoolean()).isTrue();
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().at("/_source/a").asInt()).isEqualTo(1);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(json("{'_index':'logs','_id':'2','found':false}"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().at("/error/type").asText()).isEqualTo("version_conflict_engine_exception");
        assertThat(deleted.json().get("result").asText()).isEqualTo("deleted");
    }

    @Test
    void autoId_postReturnsCreated() {
        RestResponse response = call("POST", "/logs/_doc", Map.of(), "{\"a\":1}");

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("_id").asText()).hasSize(20);
    }

    @Test
    void errors_renderElasticsearchShape() {
        RestResponse notFound = call("GET", "/nope", Map.of(), null);
        RestResponse badJson = call("PUT", "/logs/_doc/1", Map.of(), "{\"a\":");
        RestResponse badQuery = call("POST", "/_search", Map.of(), "{\"query\":{\"nope\":{}}}");

        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().toString())
                .isEqualTo("{\"error\":{\"root_cause\":[{\"type\":"
                        + "\"index_not_found_exception\",\"reason\":\"no such index [nope]\",\"resource.type\":"
                        + "\"index_or_alias\",\"resource.id\":\"nope\",\"index\":\"nope\"}],\"type\":"
                        + "\"index_not_found_exception\",\"reason\":\"no such index [nope]\",\"resource.type\":"
                        + "\"index_or_alias\",\"resource.id\":\"nope\",\"index\":\"nope\"},\"status\":404}");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().at("/error/type").asText()).isEqualTo("x_content_parse_exception");
        assertThat(badQuery.json().at("/error/root_cause/0/type").asText()).isEqualTo("parsing_exception");
        assertThat(badQuery.json().at("/status").asInt()).isEqualTo(400);
    }

    @Test
    void head_returnsStatusWithoutBody() {
        call("PUT", "/logs", Map.of(), null);

        assertThat(call("HEAD", "/logs", Map.of(), null)).isEqualTo(RestResponse.empty(200));
        assertThat(call("HEAD", "/nope", Map.of(), null)).isEqualTo(RestResponse.empty(404));
    }

    @Test
    void catIndices_textWithHeaderAndJson() {
        call("PUT", "/logs", Map.of(), "{\"settings\":{\"number_of_replicas\":0}}");

        String text = call("GET", "/_cat/indices", Map.of("v", ""), null).text();
        RestResponse json = call("GET", "/_cat/indices", Map.of("format", "json"), null);

        assertThat(text.lines().findFirst().orElseThrow())
                .startsWith("health status index uuid")
                .contains("docs.count");
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("green  open   logs");
        assertThat(json.json().get(0).get("index").asText()).isEqualTo("logs");
    }

    @Test
    void bulkSearchAndCount_throughRoutes() {
        String bulk = "{\"index\":{\"_id\":\"1\"}}\n{\"t\":\"a\"}\n{\"index\":{\"_id\":\"2\"}}\n{\"t\":\"b\"}\n";

        RestResponse bulkResponse = call("POST", "/logs/_bulk", Map.of("refresh", "wait_for"), bulk);
        RestResponse searchResponse = call(
                "GET",
                "/logs/_search",
                Map.of("typed_keys", "true"),
                "{\"aggs\":{\"t\":{\"terms\":{\"field\":" + "\"t.keyword\"}}}}");
        RestResponse count = call("GET", "/logs/_count", Map.of("q", "t:a"), null);

        assertThat(bulkResponse.json().get("errors").asBoolean()).isFalse();
        assertThat(searchResponse.json().at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(searchResponse.json().at("/aggregations/sterms#t/buckets")).hasSize(2);
        assertThat(count.json().get("count").asLong()).isEqualTo(1);
    }

    @Test
    void search_appliesRequestIndexAccess() {
        call(
                "POST",
                "/logs/_bulk",
                Map.of("refresh", "true"),
                "{\"index\":{\"_id\":\"1\"}}\n{\"t\":\"a\"}\n{\"index\":{\"_id\":\"2\"}}\n{\"t\":\"b\"}\n");
        IndexAccessControl access = IndexPermissions.parse(
                json("[{'names':['logs'],'privileges':['read'],'query':{'term':{'t.keyword':'b'}}}]"));

        RestResponse response = call("POST", "/logs/_search", Map.of(), null, access);

        assertThat(response.json().at("/hits/total/value").asLong()).isEqualTo(1);
        assertThat(response.json().at("/hits/hits/0/_id").asText()).isEqualTo("2");
    }
}
