package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.aggs.AggregationParser;
import org.certbound.server.index.aggs.Aggregations;
import org.certbound.server.index.security.IndexAccessControl;
import org.junit.jupiter.api.Test;

/** Partial aggregations of two indices, merged, against one search over both. */
class PartialAggregationsTest extends SearchFixture {
    private static final String AGGS = "{'size':0,'aggs':{"
            + "'tenants':{'terms':{'field':'tenant','size':2},'aggs':{'avg_bytes':{'avg':{'field':'bytes'}}}},"
            + "'statuses':{'terms':{'field':'status','order':{'_key':'asc'}}},"
            + "'days':{'date_histogram':{'field':'@timestamp','calendar_interval':'day'}},"
            + "'latency':{'histogram':{'field':'latency','interval':1}},"
            + "'ips':{'cardinality':{'field':'client.ip'}},"
            + "'bytes':{'avg':{'field':'bytes'}},'most':{'max':{'field':'bytes'}},'least':{'min':{'field':'bytes'}},"
            + "'total':{'sum':{'field':'latency'}},'n':{'value_count':{'field':'bytes'}}}}";

    private void indexSecondCluster() {
        indices.createIndex("other", json("{'mappings':" + MAPPINGS + "}"));
        String bulk = """
                {"index":{"_id":"b1"}}
                {"tenant":"t3","bytes":900,"status":200,"latency":2.0,"@timestamp":"2024-01-07T00:00:00Z","client":{"ip":"10.0.0.9"}}
                {"index":{"_id":"b2"}}
                {"tenant":"t3","bytes":10,"status":503,"@timestamp":"2024-01-01T05:00:00Z","client":{"ip":"10.0.0.1"}}
                """;
        indices.bulk("other", bulk, Refresh.TRUE);
    }

    private JsonNode partial(String index) {
        return search.searchWithPartialAggregations(
                        index, json(AGGS), SearchParameters.NONE, IndexAccessControl.UNRESTRICTED)
                .get("aggregations");
    }

    @Test
    void merge_twoIndices_equalsSearchOverBoth() {
        indexSecondCluster();

        JsonNode merged = Aggregations.merge(
                AggregationParser.parse(json(AGGS).get("aggs")),
                List.of(partial("logs"), partial("other")),
                true,
                65_536);
        JsonNode single = search.search(
                        "logs,other", json(AGGS), SearchParameters.of(java.util.Map.of("typed_keys", "true")))
                .get("aggregations");

        assertThat(merged).isEqualTo(single);
        assertThat(merged.at("/sterms#tenants/buckets/0/key").asText()).isEqualTo("t3");
    }

    @Test
    void renderPartial_termsCut_reportsLastCountAsError() {
        String body = "{'size':0,'aggs':{'t':{'terms':{'field':'tenant','size':1,'shard_size':1}}}}";

        JsonNode terms = search.searchWithPartialAggregations(
                        "logs", json(body), SearchParameters.NONE, IndexAccessControl.UNRESTRICTED)
                .at("/aggregations/t");

        assertThat(terms.path("buckets")).hasSize(1);
        assertThat(terms.at("/buckets/0/key").asText()).isEqualTo("t1");
        assertThat(terms.path("doc_count_error_upper_bound").asLong()).isEqualTo(2);
        assertThat(terms.path("sum_other_doc_count").asLong()).isEqualTo(3);
    }

    @Test
    void renderPartial_countAscending_listsEveryBucket() {
        String body = "{'size':0,'aggs':{'t':{'terms':{'field':'tenant','size':1,'order':{'_count':'asc'}}}}}";

        JsonNode terms = search.searchWithPartialAggregations(
                        "logs", json(body), SearchParameters.NONE, IndexAccessControl.UNRESTRICTED)
                .at("/aggregations/t");

        assertThat(terms.path("buckets")).hasSize(3);
        assertThat(terms.path("doc_count_error_upper_bound").asLong()).isZero();
    }
}
