package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.remote.search.TwoClusterNodes.adminAuthorization;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.certbound.server.remote.search.TwoClusterNodes.Response;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search.max_buckets} on two real node processes with small heaps. Both clusters hold {@code logs-x}, with
 * timestamps spread over 30 days, so a 1s {@code date_histogram} with {@code min_doc_count: 0} would need about 2.6
 * million buckets. The querying node reaches the fulfilling node as {@code rc1} ({@code skip_unavailable: false}) and
 * as {@code rc2} ({@code skip_unavailable: true}).
 */
class MaxBucketsIT {

    private static final String ONE_SECOND = """
            {"size":0,"aggs":{"h":{"date_histogram":{"field":"ts","fixed_interval":"1s","min_doc_count":0}}}}""";
    // Ten distinct values of n on each cluster, so ten terms buckets on each.
    private static final String TERMS = """
            {"size":0,"aggs":{"n":{"terms":{"field":"n","size":20}}}}""";
    private static final int DOCUMENTS = 10;

    @TempDir
    static Path dir;

    private static NodeProcess remote;
    private static NodeProcess querying;

    @BeforeAll
    static void startClusters() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestTls.Ca ca = TestTls.ca(certs, "buckets-ca");
        TestTls.Leaf server = TestTls.server(certs, ca, "remote-node");
        TestTls.Leaf signer = TestTls.server(certs, ca, "querying-node");
        remote = TwoClusterNodes.fulfilling(dir.resolve("remote"), server, ca)
                .jvmArg("-Xmx256m")
                .build()
                .start();
        Response key = call(remote, "POST", "/_security/cross_cluster/api_key", """
                {"name":"logs","certificate_identity":"CN=querying-node,O=Example",
                 "access":{"search":[{"names":["logs-*"]}]}}""");
        assertThat(key.status()).as(key.body().toString()).isEqualTo(200);
        String encoded = key.body().path("encoded").asText();

        NodeProcess.Builder builder = NodeProcess.builder(dir.resolve("querying"))
                .setting("cluster.name", "querying")
                .setting(
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities",
                        ca.certificateFile().toString())
                .jvmArg("-Xmx256m");
        for (String alias : new String[] {"rc1", "rc2"}) {
            builder.setting(
                            "cluster.remote." + alias + ".seeds",
                            "127.0.0.1:" + remote.address("remote_cluster").getPort())
                    .setting("cluster.remote." + alias + ".skip_unavailable", String.valueOf(alias.equals("rc2")))
                    .setting(
                            "cluster.remote." + alias + ".signing.certificate",
                            signer.certificateFile().toString())
                    .setting(
                            "cluster.remote." + alias + ".signing.key",
                            signer.keyFile().toString())
                    .keystoreString("cluster.remote." + alias + ".credentials", encoded);
        }
        querying = builder.build().start();

        index(remote, 100);
        index(querying, 0);
        TwoClusterNodes.awaitConnected(querying, "rc1");
        TwoClusterNodes.awaitConnected(querying, "rc2");
    }

    @AfterAll
    static void stopClusters() {
        if (querying != null) {
            querying.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void oneSecondHistogram_local_isTooManyBuckets() throws Exception {
        Response response = call(querying, "POST", "/logs-x/_search", ONE_SECOND);

        assertTooManyBuckets(response, 65_536);
        assertStillAnswers(querying);
    }

    @Test
    void oneSecondHistogram_remoteOnly_isTooManyBucketsInTheMerge() throws Exception {
        Response response = call(querying, "POST", "/rc1:logs-x/_search", ONE_SECOND);

        assertTooManyBuckets(response, 65_536);
        assertStillAnswers(querying);
        assertStillAnswers(remote);
    }

    @Test
    void oneSecondHistogram_merged_isTooManyBuckets() throws Exception {
        Response response = call(querying, "POST", "/rc1:logs-x,logs-x/_search", ONE_SECOND);

        assertTooManyBuckets(response, 65_536);
        assertStillAnswers(querying);
        assertStillAnswers(remote);
    }

    @Test
    void oneSecondHistogram_overRemoteThatSkips_isTooManyBucketsInTheMerge() throws Exception {
        Response response = call(querying, "POST", "/rc2:logs-x,logs-x/_search", ONE_SECOND);

        assertTooManyBuckets(response, 65_536);
    }

    @Test
    void limitOnFulfillingNode_failsSearchWhenRemoteMustNotBeSkipped() throws Exception {
        setMaxBuckets(remote, "5");
        try {
            Response response = call(querying, "POST", "/rc1:logs-x,logs-x/_search", TERMS);

            assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
            assertThat(response.body().at("/error/type").asText()).isEqualTo("too_many_buckets_exception");
            assertThat(response.body().at("/error/cluster").asText()).isEqualTo("rc1");
            assertThat(response.body().at("/error/reason").asText()).contains("limit of [5]");
        } finally {
            setMaxBuckets(remote, null);
        }
    }

    @Test
    void limitOnFulfillingNode_showsInClustersWhenRemoteIsSkipped() throws Exception {
        setMaxBuckets(remote, "5");
        try {
            Response response = call(querying, "POST", "/rc2:logs-x,logs-x/_search", TERMS);

            assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
            JsonNode clusters = response.body().path("_clusters");
            assertThat(clusters.path("skipped").asInt()).isEqualTo(1);
            JsonNode reason = clusters.at("/details/rc2/failures/0/reason");
            assertThat(reason.path("type").asText()).isEqualTo("too_many_buckets_exception");
            assertThat(reason.path("reason").asText()).contains("limit of [5]");
            assertThat(response.body().at("/aggregations/n/buckets")).hasSize(DOCUMENTS);
        } finally {
            setMaxBuckets(remote, null);
        }
    }

    @Test
    void dynamicLimit_appliesToTheNextSearch() throws Exception {
        assertThat(call(querying, "POST", "/logs-x/_search", TERMS).status()).isEqualTo(200);
        setMaxBuckets(querying, "9");
        try {
            Response local = call(querying, "POST", "/logs-x/_search", TERMS);
            Response merged = call(querying, "POST", "/rc1:logs-x,logs-x/_search", TERMS);

            assertTooManyBuckets(local, 9);
            assertTooManyBuckets(merged, 9);
        } finally {
            setMaxBuckets(querying, null);
        }
    }

    @Test
    void maxBucketsBelowOne_isRejected() throws Exception {
        Response response = call(querying, "PUT", "/_cluster/settings", "{\"transient\":{\"search.max_buckets\":0}}");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.body().at("/error/reason").asText()).contains("search.max_buckets");
    }

    private static void assertTooManyBuckets(Response response, int limit) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(400);
        assertThat(response.body().at("/error/type").asText()).isEqualTo("too_many_buckets_exception");
        assertThat(response.body().at("/error/reason").asText())
                .contains("limit of [" + limit + "]")
                .contains("[search.max_buckets]");
    }

    private static void assertStillAnswers(NodeProcess node) throws Exception {
        Response health = call(node, "GET", "/_cluster/health", null);
        Response search = call(node, "POST", "/logs-x/_search", TERMS);

        assertThat(health.status()).isEqualTo(200);
        assertThat(search.status()).as(search.body().toString()).isEqualTo(200);
        assertThat(search.body().at("/aggregations/n/buckets")).hasSize(DOCUMENTS);
        assertThat(node.isRunning()).isTrue();
    }

    private static void setMaxBuckets(NodeProcess node, String value) throws Exception {
        String setting = value == null ? "null" : value;
        Response response =
                call(node, "PUT", "/_cluster/settings", "{\"transient\":{\"search.max_buckets\":" + setting + "}}");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    }

    // Spreads the documents from the first to the last second of 30 days; n runs from first to first + 9.
    private static void index(NodeProcess node, int first) throws Exception {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        long span = ChronoUnit.DAYS.getDuration().multipliedBy(30).toSeconds();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < DOCUMENTS; i++) {
            Instant ts = start.plusSeconds(span * i / (DOCUMENTS - 1));
            bulk.append("{\"index\":{}}\n")
                    .append("{\"ts\":\"")
                    .append(ts)
                    .append("\",\"n\":")
                    .append(first + i)
                    .append("}\n");
        }
        Response created = call(
                node,
                "PUT",
                "/logs-x",
                "{\"mappings\":{\"properties\":{" + "\"ts\":{\"type\":\"date\"},\"n\":{\"type\":\"long\"}}}}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        Response indexed = call(node, "POST", "/logs-x/_bulk?refresh=true", bulk.toString());
        assertThat(indexed.status()).as(indexed.body().toString()).isEqualTo(200);
        assertThat(indexed.body().path("errors").asBoolean()).isFalse();
    }

    private static Response call(NodeProcess node, String method, String path, String body) throws Exception {
        return TwoClusterNodes.call(node, adminAuthorization(), method, path, body);
    }
}
