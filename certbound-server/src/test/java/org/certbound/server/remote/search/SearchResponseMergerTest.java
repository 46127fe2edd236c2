package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchResponseMergerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    private static JsonNode response(String index, long total, String hits) throws Exception {
        return json("{'took':3,'timed_out':false,'_shards':{'total':1,'successful':1,'skipped':0,'failed':0},"
                        + "'hits':{'total':{'value':" + total + ",'relation':'eq'},'max_score':null,'hits':[" + hits
                        + "]}}")
                .deepCopy();
    }

    private static String hit(String index, String id, double score) {
        return "{'_index':'" + index + "','_id':'" + id + "','_score':" + score + "}";
    }

    private static String sortedHit(String index, String id, long timestamp) {
        return "{'_index':'" + index + "','_id':'" + id + "','_score':null,'sort':[" + timestamp + "]}";
    }

    private static List<String> ids(JsonNode merged) {
        List<String> ids = new ArrayList<>();
        merged.at("/hits/hits")
                .forEach(hit -> ids.add(
                        hit.path("_index").asText() + "/" + hit.path("_id").asText()));
        return ids;
    }

    @Test
    void mergeSearch_byScore_interleavesClustersAndPrefixesRemoteIndex() throws Exception {
        ClusterOutcome local = ClusterOutcome.success(
                ClusterOutcome.LOCAL,
                "logs",
                response("logs", 2, hit("logs", "l1", 3.0) + "," + hit("logs", "l2", 1.0)),
                3);
        ClusterOutcome remote = ClusterOutcome.success(
                "rc1", "logs", response("logs", 2, hit("logs", "r1", 2.0) + "," + hit("logs", "r2", 0.5)), 4);

        JsonNode merged = SearchResponseMerger.mergeSearch(json("{}"), List.of(local, remote), 9, false, 65_536);

        assertThat(ids(merged)).containsExactly("logs/l1", "rc1:logs/r1", "logs/l2", "rc1:logs/r2");
        assertThat(merged.at("/hits/total/value").asLong()).isEqualTo(4);
        assertThat(merged.at("/hits/total/relation").asText()).isEqualTo("eq");
        assertThat(merged.at("/took").asLong()).isEqualTo(9);
        assertThat(merged.at("/_shards/total").asLong()).isEqualTo(2);
        assertThat(merged.at("/_clusters/total").asInt()).isEqualTo(2);
        assertThat(merged.at("/_clusters/successful").asInt()).isEqualTo(2);
        assertThat(merged.at("/_clusters/details/(local)/status").asText()).isEqualTo("successful");
        assertThat(merged.at("/_clusters/details/rc1/indices").asText()).isEqualTo("logs");
    }

    @Test
    void mergeSearch_bySortDescending_ordersBySortValues() throws Exception {
        ClusterOutcome local = ClusterOutcome.success(
                ClusterOutcome.LOCAL,
                "logs",
                response("logs", 2, sortedHit("logs", "l1", 30) + "," + sortedHit("logs", "l2", 10)),
                1);
        ClusterOutcome remote = ClusterOutcome.success(
                "rc1", "logs", response("logs", 2, sortedHit("logs", "r1", 40) + "," + sortedHit("logs", "r2", 20)), 1);
        JsonNode request = json("{'sort':[{'@timestamp':{'order':'desc'}}]}");

        JsonNode merged = SearchResponseMerger.mergeSearch(request, List.of(local, remote), 1, false, 65_536);

        assertThat(ids(merged)).containsExactly("rc1:logs/r1", "logs/l1", "rc1:logs/r2", "logs/l2");
    }

    @Test
    void mergeSearch_bySortAscendingString_ordersLexicographically() throws Exception {
        String a = "{'_index':'i','_id':'a','sort':['apple']}";
        String c = "{'_index':'i','_id':'c','sort':['cherry']}";
        String b = "{'_index':'i','_id':'b','sort':['banana']}";
        ClusterOutcome local = ClusterOutcome.success(ClusterOutcome.LOCAL, "i", response("i", 2, a + "," + c), 1);
        ClusterOutcome remote = ClusterOutcome.success("rc1", "i", response("i", 1, b), 1);

        JsonNode merged =
                SearchResponseMerger.mergeSearch(json("{'sort':['name']}"), List.of(local, remote), 1, false, 65_536);

        assertThat(ids(merged)).containsExactly("i/a", "rc1:i/b", "i/c");
    }

    @Test
    void mergeSearch_fromAndSize_cutsMergedPage() throws Exception {
        ClusterOutcome local = ClusterOutcome.success(
                ClusterOutcome.LOCAL,
                "logs",
                response("logs", 2, hit("logs", "l1", 5.0) + "," + hit("logs", "l2", 3.0)),
                1);
        ClusterOutcome remote = ClusterOutcome.success(
                "rc1", "logs", response("logs", 2, hit("logs", "r1", 4.0) + "," + hit("logs", "r2", 2.0)), 1);

        JsonNode merged =
                SearchResponseMerger.mergeSearch(json("{'from':1,'size':2}"), List.of(local, remote), 1, false, 65_536);

        assertThat(ids(merged)).containsExactly("rc1:logs/r1", "logs/l2");
        assertThat(merged.at("/hits/total/value").asLong()).isEqualTo(4);
    }

    @Test
    void mergeSearch_skippedCluster_reportsReasonAndKeepsOtherHits() throws Exception {
        ClusterOutcome local =
                ClusterOutcome.success(ClusterOutcome.LOCAL, "logs", response("logs", 1, hit("logs", "l1", 1.0)), 1);
        ClusterOutcome.Failure failure = new ClusterOutcome.Failure(
                401,
                "security_exception",
                "identity_mismatch",
                "remote cluster [rc1] rejected API key [k1]: certificate identity [CN=node-1,O=Example] does not match");
        ClusterOutcome skipped = ClusterOutcome.unavailable("rc1", "logs", true, failure, 2);

        JsonNode merged = SearchResponseMerger.mergeSearch(json("{}"), List.of(local, skipped), 2, false, 65_536);

        assertThat(ids(merged)).containsExactly("logs/l1");
        assertThat(merged.at("/_clusters/skipped").asInt()).isEqualTo(1);
        assertThat(merged.at("/_clusters/successful").asInt()).isEqualTo(1);
        JsonNode details = merged.at("/_clusters/details/rc1");
        assertThat(details.path("status").asText()).isEqualTo("skipped");
        assertThat(details.at("/failures/0/reason/type").asText()).isEqualTo("security_exception");
        assertThat(details.at("/failures/0/reason/reason_code").asText()).isEqualTo("identity_mismatch");
        assertThat(details.at("/failures/0/reason/reason").asText())
                .contains("CN=node-1,O=Example")
                .contains("k1");
        assertThat(merged.at("/_shards/total").asLong()).isEqualTo(1);
    }

    @Test
    void mergeSearch_lowerBoundTotal_staysLowerBound() throws Exception {
        JsonNode gte = json("{'hits':{'total':{'value':10000,'relation':'gte'},'hits':[]}}");
        ClusterOutcome local = ClusterOutcome.success(ClusterOutcome.LOCAL, "a", response("a", 5, ""), 1);
        ClusterOutcome remote = ClusterOutcome.success("rc1", "a", gte, 1);

        JsonNode merged = SearchResponseMerger.mergeSearch(json("{}"), List.of(local, remote), 1, false, 65_536);

        assertThat(merged.at("/hits/total/value").asLong()).isEqualTo(10005);
        assertThat(merged.at("/hits/total/relation").asText()).isEqualTo("gte");
    }

    @Test
    void mergeCount_sumsCountsOfAnsweringClusters() throws Exception {
        ClusterOutcome local = ClusterOutcome.success(
                ClusterOutcome.LOCAL,
                "logs",
                json("{'count':7,'_shards':{'total':1,'successful':1,'skipped':0,'failed':0}}"),
                1);
        ClusterOutcome remote = ClusterOutcome.success(
                "rc1", "logs", json("{'count':5,'_shards':{'total':1,'successful':1,'skipped':0,'failed':0}}"), 1);
        ClusterOutcome failed = ClusterOutcome.unavailable(
                "rc2",
                "logs",
                true,
                new ClusterOutcome.Failure(503, "connect_transport_exception", "unreachable", "x"),
                1);

        JsonNode merged = SearchResponseMerger.mergeCount(List.of(local, remote, failed));

        assertThat(merged.path("count").asLong()).isEqualTo(12);
        assertThat(merged.at("/_shards/successful").asLong()).isEqualTo(2);
        assertThat(merged.at("/_clusters/skipped").asInt()).isEqualTo(1);
    }

    @Test
    void outcome_successWithoutResponse_isRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new ClusterOutcome("rc1", "x", ClusterOutcome.Status.SUCCESSFUL, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
