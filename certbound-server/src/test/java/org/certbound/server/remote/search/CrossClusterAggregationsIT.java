package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.FieldCapsResponse;
import co.elastic.clients.elasticsearch.core.field_caps.FieldCapability;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Field capabilities and aggregations over two real node processes: a fulfilling cluster holding {@code sales-remote}
 * and a querying cluster holding {@code sales-local} and {@code sales-all}, which has the documents of both. The
 * alias {@code remote} signs its requests; the alias {@code down} points at the remote's HTTP port, which does not
 * speak the cross-cluster protocol, and has {@code skip_unavailable: true}.
 */
class CrossClusterAggregationsIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AGGREGATIONS = """
            {"size":0,"aggs":{
              "regions":{"terms":{"field":"region","size":2},"aggs":{
                "avg_amount":{"avg":{"field":"amount"}},
                "customers":{"cardinality":{"field":"customer"}}}},
              "per_day":{"date_histogram":{"field":"@timestamp","calendar_interval":"day"},
                "aggs":{"total":{"sum":{"field":"amount"}}}},
              "amounts":{"histogram":{"field":"amount","interval":50}},
              "by_key":{"terms":{"field":"region","size":3,"order":{"_key":"desc"}}},
              "rarest":{"terms":{"field":"region","size":1,"order":{"_count":"asc"}}},
              "avg_amount":{"avg":{"field":"amount"}},
              "min_amount":{"min":{"field":"amount"}},
              "max_amount":{"max":{"field":"amount"}},
              "amount_count":{"value_count":{"field":"amount"}},
              "customers":{"cardinality":{"field":"customer"}}}}""";

    @TempDir
    static Path dir;

    private static NodeProcess remote;
    private static NodeProcess querying;

    @BeforeAll
    static void startClusters() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestTls.Ca ca = TestTls.ca(certs, "shared-ca");
        TestTls.Leaf remoteServer = TestTls.server(certs, ca, "remote-node");
        TestTls.Leaf signer = TestTls.server(certs, ca, "querying-node");
        remote = NodeProcess.builder(dir.resolve("remote"))
                .setting("cluster.name", "fulfilling")
                .setting("remote_cluster_server.enabled", "true")
                .setting("remote_cluster.port", "0")
                .setting(
                        "xpack.security.remote_cluster_server.ssl.certificate",
                        remoteServer.certificateFile().toString())
                .setting(
                        "xpack.security.remote_cluster_server.ssl.key",
                        remoteServer.keyFile().toString())
                .setting(
                        "cluster.remote.signing.certificate_authorities",
                        ca.certificateFile().toString())
                .build()
                .start();
        Response key = call(remote, "POST", "/_security/cross_cluster/api_key", """
                {"name":"sales","certificate_identity":"CN=querying-node,O=Example","access":{"search":[
                  {"names":["sales-*"],"field_security":{"grant":["*"],"except":["secret"]}}]}}""");
        assertThat(key.status()).as(key.body().toString()).isEqualTo(200);

        NodeProcess.Builder builder = NodeProcess.builder(dir.resolve("querying"))
                .setting("cluster.name", "querying")
                .setting(
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities",
                        ca.certificateFile().toString())
                .setting(
                        "cluster.remote.remote.seeds",
                        "127.0.0.1:" + remote.address("remote_cluster").getPort())
                .setting("cluster.remote.remote.skip_unavailable", "false")
                .setting(
                        "cluster.remote.remote.signing.certificate",
                        signer.certificateFile().toString())
                .setting("cluster.remote.remote.signing.key", signer.keyFile().toString())
                .keystoreString(
                        "cluster.remote.remote.credentials",
                        key.body().path("encoded").asText())
                .setting("cluster.remote.down.seeds", "127.0.0.1:" + remote.httpPort())
                .setting("cluster.remote.down.skip_unavailable", "true")
                .keystoreString(
                        "cluster.remote.down.credentials",
                        key.body().path("encoded").asText())
                .user("meta-user", "meta-password", "sales_metadata")
                .user("nobody", "nobody-password", "no_sales")
                .role(
                        "sales_metadata",
                        "  indices:\n    - names: ['sales-local']\n      privileges: [view_index_metadata]\n"
                                + "      field_security:\n        grant: [region, amount]\n")
                .role("no_sales", "  indices:\n    - names: ['other-*']\n      privileges: [read]\n");
        querying = builder.build().start();

        createIndex(remote, "sales-remote", "\"code\":{\"type\":\"long\"},\"secret\":{\"type\":\"keyword\"}");
        createIndex(querying, "sales-local", "\"code\":{\"type\":\"keyword\"}");
        createIndex(querying, "sales-all", "\"code\":{\"type\":\"keyword\"}");
        List<String> local = List.of(
                sale("north", 10, "c1", "2024-01-01T10:00:00Z"),
                sale("north", 20, "c2", "2024-01-01T11:00:00Z"),
                sale("north", 30, "c3", "2024-01-03T09:00:00Z"),
                sale("south", 40, "c1", "2024-01-03T10:00:00Z"),
                sale("south", 55, "c4", "2024-01-04T10:00:00Z"),
                sale("east", 60, "c2", "2024-01-04T12:00:00Z"));
        List<String> remoteDocs = List.of(
                sale("east", 100, "c1", "2024-01-01T08:00:00Z"),
                sale("east", 110, "c5", "2024-01-02T08:00:00Z"),
                sale("east", 120, "c6", "2024-01-02T09:00:00Z"),
                sale("east", 130, "c2", "2024-01-06T09:00:00Z"),
                sale("south", 5, "c5", "2024-01-06T10:00:00Z"),
                sale("west", 7, "c7", "2024-01-07T10:00:00Z"));
        bulk(querying, "sales-local", local);
        bulk(remote, "sales-remote", remoteDocs);
        List<String> all = new ArrayList<>(local);
        all.addAll(remoteDocs);
        bulk(querying, "sales-all", all);
        awaitConnected("remote");
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (querying != null) {
            querying.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void search_twoClusterAggregations_equalOneCluster() throws Exception {
        Response merged = call(querying, "POST", "/sales-local,remote:sales-remote/_search?typed_keys", AGGREGATIONS);
        Response single = call(querying, "POST", "/sales-all/_search?typed_keys", AGGREGATIONS);

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        assertThat(single.status()).as(single.body().toString()).isEqualTo(200);
        assertThat(merged.body().path("aggregations")).isEqualTo(single.body().path("aggregations"));
        assertThat(merged.body().at("/_clusters/successful").asInt()).isEqualTo(2);
    }

    @Test
    void search_mergedAggregations_haveExactNumbers() throws Exception {
        JsonNode aggregations = call(querying, "POST", "/sales-local,remote:sales-remote/_search", AGGREGATIONS)
                .body()
                .path("aggregations");

        JsonNode regions = aggregations.path("regions");
        assertThat(regions.at("/buckets/0/key").asText()).isEqualTo("east");
        assertThat(regions.at("/buckets/0/doc_count").asLong()).isEqualTo(5);
        assertThat(regions.at("/buckets/1/key").asText()).isEqualTo("north");
        assertThat(regions.at("/buckets/1/doc_count").asLong()).isEqualTo(3);
        assertThat(regions.path("sum_other_doc_count").asLong()).isEqualTo(4);
        assertThat(regions.path("doc_count_error_upper_bound").asLong()).isZero();
        assertThat(regions.at("/buckets/0/avg_amount/value").asDouble()).isEqualTo(104.0);
        assertThat(regions.at("/buckets/0/customers/value").asLong()).isEqualTo(4);
        assertThat(aggregations.at("/avg_amount/value").asDouble()).isEqualTo(687.0 / 12);
        assertThat(aggregations.at("/customers/value").asLong()).isEqualTo(7);
        assertThat(aggregations.at("/rarest/buckets/0/key").asText()).isEqualTo("west");
        assertThat(aggregations.at("/per_day/buckets").size()).isEqualTo(7);
        assertThat(aggregations.at("/per_day/buckets/4/doc_count").asLong()).isZero();
    }

    @Test
    void search_skippedCluster_contributesNothing() throws Exception {
        Response merged = call(querying, "POST", "/sales-local,remote:sales-remote,down:sales-*/_search", AGGREGATIONS);
        Response twoClusters = call(querying, "POST", "/sales-local,remote:sales-remote/_search", AGGREGATIONS);

        assertThat(merged.status()).as(merged.body().toString()).isEqualTo(200);
        assertThat(merged.body().at("/_clusters/skipped").asInt()).isEqualTo(1);
        assertThat(merged.body().at("/_clusters/details/down/status").asText()).isEqualTo("skipped");
        assertThat(merged.body().path("aggregations"))
                .isEqualTo(twoClusters.body().path("aggregations"));
    }

    @Test
    void fieldCaps_client_parsesMergedResponse() throws Exception {
        try (ElasticsearchClient client = querying.client()) {
            FieldCapsResponse response = client.fieldCaps(
                    f -> f.index("sales-local,remote:sales-remote").fields("*"));

            assertThat(response.indices()).containsExactly("remote:sales-remote", "sales-local");
            Map<String, FieldCapability> code = response.fields().get("code");
            assertThat(code).containsOnlyKeys("keyword", "long");
            assertThat(code.get("long").indices()).containsExactly("remote:sales-remote");
            assertThat(code.get("keyword").indices()).containsExactly("sales-local");
            FieldCapability region = response.fields().get("region").get("keyword");
            assertThat(region.searchable()).isTrue();
            assertThat(region.aggregatable()).isTrue();
            assertThat(region.indices()).isEmpty();
        }
    }

    @Test
    void fieldCaps_remoteFieldSecurity_hidesExceptedField() throws Exception {
        Response response = call(querying, "GET", "/remote:sales-*/_field_caps?fields=*", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("fields").has("region")).isTrue();
        assertThat(response.body().path("fields").has("secret")).isFalse();
    }

    @Test
    void fieldCaps_includeUnmapped_listsIndicesWithoutField() throws Exception {
        Response response =
                call(querying, "GET", "/sales-local,remote:sales-remote/_field_caps?fields=c*&include_unmapped", null);

        JsonNode customer = response.body().at("/fields/customer");
        assertThat(customer.has("unmapped")).isFalse();
        assertThat(response.body().at("/fields/code/long/indices/0").asText()).isEqualTo("remote:sales-remote");
    }

    @Test
    void fieldCaps_skippedCluster_listedUnderFailures() throws Exception {
        Response response = call(querying, "GET", "/sales-local,down:sales-*/_field_caps?fields=region", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("indices")).hasSize(1);
        assertThat(response.body().path("failed_indices").asInt()).isEqualTo(1);
        assertThat(response.body().at("/failures/0/indices/0").asText()).isEqualTo("down:sales-*");
    }

    @Test
    void fieldCaps_localFieldSecurity_hidesFields() throws Exception {
        Response response =
                call(querying, "GET", "/sales-local/_field_caps?fields=*", null, "meta-user", "meta-password");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(fieldNames(response.body().path("fields"))).containsExactlyInAnyOrder("region", "amount");
    }

    @Test
    void fieldCaps_withoutPrivilege_forbidden() throws Exception {
        Response response =
                call(querying, "GET", "/sales-local/_field_caps?fields=*", null, "nobody", "nobody-password");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.body().at("/error/reason").asText()).contains("indices:data/read/field_caps");
    }

    @Test
    void fieldCaps_missingIndexIgnored_returnsOthers() throws Exception {
        Response strict = call(querying, "GET", "/sales-local,nope/_field_caps?fields=*", null);
        Response ignored = call(querying, "GET", "/sales-local,nope/_field_caps?fields=*&ignore_unavailable", null);
        Response none = call(querying, "GET", "/nothing-*/_field_caps?fields=*&allow_no_indices=false", null);

        assertThat(strict.status()).isEqualTo(404);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.body().path("indices")).hasSize(1);
        assertThat(none.status()).isEqualTo(404);
    }

    private static List<String> fieldNames(JsonNode fields) {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String sale(String region, int amount, String customer, String timestamp) {
        return "{\"region\":\"" + region + "\",\"amount\":" + amount + ",\"customer\":\"" + customer
                + "\",\"@timestamp\":\"" + timestamp + "\",\"code\":" + amount + ",\"secret\":\"s-" + amount + "\"}";
    }

    private static void createIndex(NodeProcess node, String index, String extraProperties) throws Exception {
        Response response = call(node, "PUT", "/" + index, """
                {"mappings":{"properties":{"region":{"type":"keyword"},"amount":{"type":"long"},
                "customer":{"type":"keyword"},"@timestamp":{"type":"date"},""" + extraProperties + "}}}");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    }

    private static void bulk(NodeProcess node, String index, List<String> documents) throws Exception {
        StringBuilder body = new StringBuilder();
        for (String document : documents) {
            body.append("{\"index\":{}}\n").append(document).append('\n');
        }
        Response response = call(node, "POST", "/" + index + "/_bulk?refresh=true", body.toString());
        assertThat(response.body().path("errors").asBoolean(true))
                .as(response.body().toString())
                .isFalse();
    }

    private static void awaitConnected(String alias) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode info = call(querying, "GET", "/_remote/info", null).body().path(alias);
            if (info.path("connected").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    record Response(int status, JsonNode body) {}

    private static Response call(NodeProcess node, String method, String path, String body) throws Exception {
        return call(node, method, path, body, NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD);
    }

    private static Response call(
            NodeProcess node, String method, String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.httpUri() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", NodeProcess.basicAuth(user, password))
                .header(
                        "Content-Type",
                        body != null && path.contains("_bulk") ? "application/x-ndjson" : "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
        return new Response(response.statusCode(), json);
    }
}
