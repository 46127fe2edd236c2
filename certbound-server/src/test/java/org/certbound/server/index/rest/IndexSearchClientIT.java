package org.certbound.server.index.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index, document and search APIs of a real node through the official Elasticsearch Java client. Every typed
 * response parsing also checks that the node renders what the client requires. The tests that restart or kill the
 * node run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexSearchClientIT {
    private static final String LOGS = "logs-web";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private NodeProcess node;
    private ElasticsearchClient admin;

    @BeforeAll
    void startNode() throws Exception {
        node = NodeProcess.builder(tempDir)
                .user("logs-user", "logs-password", "logs_reader")
                .user("acme-user", "acme-password", "acme_reader")
                .role("logs_reader", "  indices:\n    - names: ['logs-*']\n      privileges: [read]\n")
                .role(
                        "acme_reader",
                        "  indices:\n    - names: ['logs-*']\n      privileges: [read]\n"
                                + "      query: '{\"term\":{\"tenant\":\"acme\"}}'\n"
                                + "      field_security:\n        grant: [tenant, status, message]\n")
                .build()
                .start();
        admin = node.client();
        admin.indices()
                .create(c -> c.index(LOGS)
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m.properties("@timestamp", p -> p.date(d -> d))
                                .properties("method", p -> p.keyword(k -> k))
                                .properties("path", p -> p.keyword(k -> k))
                                .properties("status", p -> p.integer(i -> i))
                                .properties("bytes", p -> p.long_(l -> l))
                                .properties("tenant", p -> p.keyword(k -> k))
                                .properties("message", p -> p.text(t -> t))));
        List<Map<String, Object>> docs = List.of(
                doc("2024-01-01T10:00:00Z", "GET", "/index.html", 200, 100, "acme", "user login ok"),
                doc("2024-01-01T11:00:00Z", "POST", "/login", 401, 200, "acme", "login failed for user"),
                withReferrer(
                        doc("2024-01-02T10:00:00Z", "GET", "/api/items", 500, 300, "globex", "internal server error")),
                doc("2024-01-02T12:00:00Z", "GET", "/index.html", 200, 400, "globex", "page served quickly"),
                doc("2024-01-03T09:00:00Z", "DELETE", "/api/items/5", 404, 500, "acme", "item not found error"));
        BulkResponse bulk = admin.bulk(b -> {
            b.index(LOGS).refresh(Refresh.True);
            for (int i = 0; i < docs.size(); i++) {
                String id = Integer.toString(i + 1);
                Map<String, Object> source = docs.get(i);
                b.operations(op -> op.index(x -> x.id(id).document(source)));
            }
            return b;
        });
        assertThat(bulk.errors()).isFalse();
        admin.index(i ->
                i.index("secret").id("s1").document(Map.of("tenant", "acme")).refresh(Refresh.True));
    }

    @AfterAll
    void stopNode() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private static Map<String, Object> doc(
            String timestamp, String method, String path, int status, long bytes, String tenant, String message) {
        return new java.util.LinkedHashMap<>(Map.of(
                "@timestamp",
                timestamp,
                "method",
                method,
                "path",
                path,
                "status",
                status,
                "bytes",
                bytes,
                "tenant",
                tenant,
                "message",
                message));
    }

    private static Map<String, Object> withReferrer(Map<String, Object> doc) {
        doc.put("referrer", "https://example.com/");
        return doc;
    }

    private List<String> ids(Query query) throws Exception {
        return ids(admin.search(s -> s.index(LOGS).query(query).sort(o -> o.field(f -> f.field("bytes"))), Map.class));
    }

    private static List<String> ids(SearchResponse<?> response) {
        return response.hits().hits().stream().map(Hit::id).toList();
    }

    private ElasticsearchClient client(String header) {
        Rest5Client low = Rest5Client.builder(new HttpHost("http", "127.0.0.1", node.httpPort()))
                .setDefaultHeaders(new Header[] {new BasicHeader("Authorization", header)})
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(low, new JacksonJsonpMapper()));
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUri() + path))
                .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD))
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createIndex_keepsMappings() throws Exception {
        var index = admin.indices().get(g -> g.index(LOGS)).indices().get(LOGS);

        assertThat(index.mappings().properties().get("status").isInteger()).isTrue();
        assertThat(index.mappings().properties().get("@timestamp").isDate()).isTrue();
        assertThat(admin.indices().exists(e -> e.index(LOGS)).value()).isTrue();
        assertThat(admin.indices().exists(e -> e.index("missing-index")).value())
                .isFalse();
    }

    @Test
    void documents_indexGetDelete() throws Exception {
        var created = admin.index(i -> i.index("scratch").id("a").document(Map.of("n", 1)));
        GetResponse<Map> got = admin.get(g -> g.index("scratch").id("a"), Map.class);
        var deleted = admin.delete(d -> d.index("scratch").id("a"));
        GetResponse<Map> gone = admin.get(g -> g.index("scratch").id("a"), Map.class);
        var auto = admin.index(i -> i.index("scratch").document(Map.of("n", 2)));

        assertThat(created.result().jsonValue()).isEqualTo("created");
        assertThat(got.found()).isTrue();
        assertThat(got.source()).containsEntry("n", 1);
        assertThat(deleted.result().jsonValue()).isEqualTo("deleted");
        assertThat(gone.found()).isFalse();
        assertThat(auto.id()).hasSize(20);
        admin.indices().delete(d -> d.index("scratch"));
        assertThat(admin.indices().exists(e -> e.index("scratch")).value()).isFalse();
    }

    @Test
    void bulk_reportsItemErrors() throws Exception {
        BulkResponse response = admin.bulk(b -> b.index("bulk-errors")
                .operations(op -> op.create(c -> c.id("1").document(Map.of("n", 1))))
                .operations(op -> op.create(c -> c.id("1").document(Map.of("n", 2))))
                .operations(op -> op.delete(d -> d.id("2"))));

        assertThat(response.errors()).isTrue();
        assertThat(response.items().get(0).status()).isEqualTo(201);
        assertThat(response.items().get(1).status()).isEqualTo(409);
        assertThat(response.items().get(1).error().type()).isEqualTo("version_conflict_engine_exception");
        assertThat(response.items().get(2).status()).isEqualTo(404);
    }

    @Test
    void queries_matchTheExpectedDocuments() throws Exception {
        assertThat(ids(Query.of(q -> q.matchAll(m -> m)))).containsExactly("1", "2", "3", "4", "5");
        assertThat(ids(Query.of(q -> q.match(m -> m.field("message").query("error")))))
                .containsExactly("3", "5");
        assertThat(ids(Query.of(q -> q.matchPhrase(m -> m.field("message").query("login failed")))))
                .containsExactly("2");
        assertThat(ids(Query.of(
                        q -> q.multiMatch(m -> m.fields("message", "path").query("login")))))
                .containsExactly("1", "2");
        assertThat(ids(Query.of(q -> q.term(t -> t.field("method").value("GET")))))
                .containsExactly("1", "3", "4");
        assertThat(ids(Query.of(q -> q.terms(t ->
                        t.field("status").terms(v -> v.value(List.of(FieldValue.of(401), FieldValue.of(404))))))))
                .containsExactly("2", "5");
        assertThat(ids(Query.of(q ->
                        q.range(r -> r.number(n -> n.field("bytes").gte(200.0).lt(500.0))))))
                .containsExactly("2", "3", "4");
        assertThat(ids(Query.of(q -> q.range(
                        r -> r.date(d -> d.field("@timestamp").gte("2024-01-02").lt("2024-01-03"))))))
                .containsExactly("3", "4");
        assertThat(ids(Query.of(q -> q.exists(e -> e.field("referrer"))))).containsExactly("3");
        assertThat(ids(Query.of(q -> q.prefix(p -> p.field("path").value("/api")))))
                .containsExactly("3", "5");
        assertThat(ids(Query.of(q -> q.wildcard(w -> w.field("path").value("/index*")))))
                .containsExactly("1", "4");
        assertThat(ids(Query.of(q -> q.ids(i -> i.values("4", "1"))))).containsExactly("1", "4");
        assertThat(ids(Query.of(q ->
                        q.bool(b -> b.must(m -> m.term(t -> t.field("method").value("GET")))
                                .filter(f -> f.range(
                                        r -> r.number(n -> n.field("status").gte(400.0))))
                                .mustNot(n -> n.term(t -> t.field("tenant").value("acme")))))))
                .containsExactly("3");
        assertThat(ids(Query.of(q ->
                        q.bool(b -> b.should(s -> s.term(t -> t.field("tenant").value("globex")))
                                .should(s -> s.term(t -> t.field("status").value(404)))
                                .minimumShouldMatch("2")))))
                .isEmpty();
        assertThat(ids(Query.of(q -> q.queryString(s -> s.query("message:error AND tenant:acme")))))
                .containsExactly("5");
        assertThat(ids(admin.search(
                        s -> s.index(LOGS).q("tenant:globex").sort(o -> o.field(f -> f.field("bytes"))), Map.class)))
                .containsExactly("3", "4");
    }

    @Test
    void aggregations_parseAsTypedResults() throws Exception {
        SearchResponse<Map> response = admin.search(
                s -> s.index(LOGS)
                        .size(0)
                        .aggregations(
                                "tenants",
                                a -> a.terms(t -> t.field("tenant"))
                                        .aggregations("avg_bytes", sub -> sub.avg(v -> v.field("bytes"))))
                        .aggregations(
                                "per_day",
                                a -> a.dateHistogram(d -> d.field("@timestamp").calendarInterval(CalendarInterval.Day)))
                        .aggregations(
                                "sizes", a -> a.histogram(h -> h.field("bytes").interval(200.0)))
                        .aggregations("avg", a -> a.avg(v -> v.field("bytes")))
                        .aggregations("sum", a -> a.sum(v -> v.field("bytes")))
                        .aggregations("min", a -> a.min(v -> v.field("bytes")))
                        .aggregations("max", a -> a.max(v -> v.field("bytes")))
                        .aggregations("count", a -> a.valueCount(v -> v.field("bytes")))
                        .aggregations("methods", a -> a.cardinality(v -> v.field("method"))),
                Map.class);
        Map<String, Aggregate> aggs = response.aggregations();

        List<StringTermsBucket> tenants = aggs.get("tenants").sterms().buckets().array();
        assertThat(tenants).extracting(b -> b.key().stringValue()).containsExactly("acme", "globex");
        assertThat(tenants).extracting(StringTermsBucket::docCount).containsExactly(3L, 2L);
        assertThat(tenants.get(0).aggregations().get("avg_bytes").avg().value())
                .isCloseTo(800.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        assertThat(tenants.get(1).aggregations().get("avg_bytes").avg().value()).isEqualTo(350.0);
        assertThat(aggs.get("per_day").dateHistogram().buckets().array())
                .extracting(b -> b.docCount())
                .containsExactly(2L, 2L, 1L);
        assertThat(aggs.get("sizes").histogram().buckets().array())
                .extracting(b -> b.key() + "=" + b.docCount())
                .containsExactly("0.0=1", "200.0=2", "400.0=2");
        assertThat(aggs.get("avg").avg().value()).isEqualTo(300.0);
        assertThat(aggs.get("sum").sum().value()).isEqualTo(1500.0);
        assertThat(aggs.get("min").min().value()).isEqualTo(100.0);
        assertThat(aggs.get("max").max().value()).isEqualTo(500.0);
        assertThat(aggs.get("count").valueCount().value()).isEqualTo(5.0);
        assertThat(aggs.get("methods").cardinality().value()).isEqualTo(3L);
    }

    @Test
    void sortSearchAfterSourceAndTotals() throws Exception {
        SearchResponse<Map> page = admin.search(
                s -> s.index(LOGS)
                        .size(2)
                        .sort(o -> o.field(f -> f.field("bytes").order(SortOrder.Desc))),
                Map.class);
        SearchResponse<Map> next = admin.search(
                s -> s.index(LOGS)
                        .size(2)
                        .sort(o -> o.field(f -> f.field("bytes").order(SortOrder.Desc)))
                        .searchAfter(page.hits().hits().get(1).sort()),
                Map.class);
        SearchResponse<Map> filtered = admin.search(
                s -> s.index(LOGS)
                        .query(q -> q.ids(i -> i.values("1")))
                        .source(src -> src.filter(f -> f.includes("method"))),
                Map.class);
        SearchResponse<Map> untracked =
                admin.search(s -> s.index(LOGS).trackTotalHits(t -> t.enabled(false)), Map.class);
        SearchResponse<Map> bounded = admin.search(s -> s.index(LOGS).trackTotalHits(t -> t.count(2)), Map.class);
        long count = admin.count(c ->
                        c.index(LOGS).query(q -> q.term(t -> t.field("tenant").value("acme"))))
                .count();

        assertThat(ids(page)).containsExactly("5", "4");
        assertThat(ids(next)).containsExactly("3", "2");
        assertThat(filtered.hits().hits().get(0).source()).containsOnlyKeys("method");
        assertThat(untracked.hits().total()).isNull();
        assertThat(bounded.hits().total().value()).isEqualTo(2);
        assertThat(bounded.hits().total().relation()).isEqualTo(TotalHitsRelation.Gte);
        assertThat(count).isEqualTo(3);
    }

    @Test
    void catIndices_textAndJson() throws Exception {
        List<IndicesRecord> records = admin.cat().indices().indices();
        HttpResponse<String> text = raw("GET", "/_cat/indices?v", null);

        assertThat(records).anySatisfy(record -> {
            assertThat(record.index()).isEqualTo(LOGS);
            assertThat(record.docsCount()).isEqualTo("5");
        });
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).startsWith("health status index").contains(LOGS);
    }

    @Test
    void unknownQuery_is400NamingTheClause() throws Exception {
        HttpResponse<String> response = raw("POST", "/" + LOGS + "/_search", "{\"query\":{\"bogus\":{}}}");
        JsonNode error = JSON.readTree(response.body()).path("error");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error.path("type").asText()).isEqualTo("parsing_exception");
        assertThat(error.path("reason").asText()).contains("[bogus]");
    }

    @Test
    void bulk_acceptsNdjsonUnderTheVendorJsonType() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpUri() + "/vendor-bulk/_bulk?refresh=true"))
                .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD))
                .header("Content-Type", "application/vnd.elasticsearch+json; compatible-with=9")
                .POST(HttpRequest.BodyPublishers.ofString("{\"index\":{\"_id\":\"1\"}}\n{\"n\":1}\n"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("errors").asBoolean(true))
                .isFalse();
        assertThat(admin.count(c -> c.index("vendor-bulk")).count()).isEqualTo(1);
    }

    @Test
    void logsReader_isDeniedOtherIndicesAndWrites() throws Exception {
        try (ElasticsearchClient reader = client(NodeProcess.basicAuth("logs-user", "logs-password"))) {
            SearchResponse<Map> all = reader.search(s -> s.index("*"), Map.class);

            assertThat(all.hits().hits()).extracting(Hit::index).containsOnly(LOGS);
            assertThat(reader.search(s -> s.index(LOGS), Map.class)
                            .hits()
                            .total()
                            .value())
                    .isEqualTo(5);
            assertThatThrownBy(() -> reader.search(s -> s.index("secret"), Map.class))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().type()).isEqualTo("security_exception");
                        assertThat(e.error().reason())
                                .contains("action [indices:data/read/search] is unauthorized for user [logs-user]")
                                .contains("on indices [secret]");
                    });
            assertThatThrownBy(() -> reader.index(i -> i.index(LOGS).id("x").document(Map.of("n", 1))))
                    .isInstanceOfSatisfying(
                            ElasticsearchException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
            BulkResponse bulk = reader.bulk(b ->
                    b.operations(op -> op.index(x -> x.index(LOGS).id("y").document(Map.of("n", 1)))));
            assertThat(bulk.errors()).isTrue();
            assertThat(bulk.items().get(0).status()).isEqualTo(403);
            assertThat(admin.get(g -> g.index(LOGS).id("y"), Map.class).found()).isFalse();
        }
    }

    @Test
    void documentAndFieldSecurity_hideDocumentsAndFields() throws Exception {
        try (ElasticsearchClient acme = client(NodeProcess.basicAuth("acme-user", "acme-password"))) {
            SearchResponse<Map> hits = acme.search(s -> s.index(LOGS), Map.class);
            long hiddenFieldMatches = acme.count(c -> c.index(LOGS)
                            .query(q -> q.term(t -> t.field("method").value("GET"))))
                    .count();
            GetResponse<Map> visible = acme.get(g -> g.index(LOGS).id("1"), Map.class);
            GetResponse<Map> hidden = acme.get(g -> g.index(LOGS).id("3"), Map.class);

            assertThat(ids(hits)).containsExactlyInAnyOrder("1", "2", "5");
            assertThat(hits.hits().hits())
                    .allSatisfy(hit -> assertThat(hit.source()).containsOnlyKeys("tenant", "status", "message"));
            assertThat(hiddenFieldMatches).isZero();
            assertThat(visible.found()).isTrue();
            assertThat(visible.source()).doesNotContainKey("bytes").containsEntry("tenant", "acme");
            assertThat(hidden.found()).isFalse();
        }
    }

    @Test
    void apiKey_isLimitedByItsRoleDescriptors() throws Exception {
        var key = admin.security()
                .createApiKey(r -> r.name("logs-only")
                        .roleDescriptors(
                                "logs", d -> d.indices(i -> i.names("logs-*").privileges("read"))));
        try (ElasticsearchClient keyed = client("ApiKey " + key.encoded())) {
            assertThat(keyed.search(s -> s.index(LOGS), Map.class)
                            .hits()
                            .total()
                            .value())
                    .isEqualTo(5);
            assertThatThrownBy(() -> keyed.search(s -> s.index("secret"), Map.class))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().reason()).contains("API key id [" + key.id() + "]");
                    });
        }
    }

    @Test
    @Order(Integer.MAX_VALUE - 1)
    void restart_keepsTheData() throws Exception {
        admin.close();
        node.restart();
        admin = node.client();

        assertThat(admin.count(c -> c.index(LOGS)).count()).isEqualTo(5);
        assertThat(admin.get(g -> g.index(LOGS).id("3"), Map.class).source()).containsEntry("tenant", "globex");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void kill9_afterAcknowledgedWrite_keepsIt() throws Exception {
        var written = admin.index(i -> i.index("durable").id("d1").document(Map.of("n", 42)));
        assertThat(written.result().jsonValue()).isEqualTo("created");
        admin.close();
        node.kill();
        node.start();
        admin = node.client();

        GetResponse<Map> got = admin.get(g -> g.index("durable").id("d1"), Map.class);
        assertThat(got.found()).isTrue();
        assertThat(got.source()).containsEntry("n", 42);
    }
}
