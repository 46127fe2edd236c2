package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.index.TestJson.jsonText;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.certbound.server.index.IndexException;
import org.junit.jupiter.api.Test;

class AggregationsTest extends SearchFixture {
    @Test
    void terms_keywordCountsOrderedByCountThenKey() {
        JsonNode aggs = aggregations("{'tenants':{'terms':{'field':'tenant'}}}");

        assertThat(aggs.get("tenants").toString())
                .isEqualTo(jsonText("{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'t1','doc_count':2},{'key':'t2','doc_count':2},{'key':'t3','doc_count':1}]}"));
    }

    @Test
    void terms_mergeAcrossIndicesAndSegments() {
        indices.createIndex("logs-b", org.certbound.server.index.TestJson.json("{'mappings':" + MAPPINGS + "}"));
        indices.index(
                "logs-b",
                "b1",
                org.certbound.server.index.TestJson.json("{'tenant':'t3'}"),
                org.certbound.server.index.OpType.INDEX,
                org.certbound.server.index.Refresh.TRUE);
        indices.index(
                "logs-b",
                "b2",
                org.certbound.server.index.TestJson.json("{'tenant':'t4'}"),
                org.certbound.server.index.OpType.INDEX,
                org.certbound.server.index.Refresh.TRUE);

        JsonNode aggs = search.search(
                        "logs*",
                        org.certbound.server.index.TestJson.json(
                                "{'size':0,'aggs':{'t':{'terms':{'field':'tenant','order':{'_key':'asc'}}}}}"),
                        SearchParameters.NONE)
                .get("aggregations");

        assertThat(aggs.get("t").toString())
                .isEqualTo(jsonText("{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'t1','doc_count':2},{'key':'t2','doc_count':2},{'key':'t3','doc_count':2},"
                        + "{'key':'t4','doc_count':1}]}"));
    }

    @Test
    void terms_multiValuedKeywordCountsEachValueAndHitOnce() {
        indices.createIndex("tags", org.certbound.server.index.TestJson.json("{'mappings':" + MAPPINGS + "}"));
        indices.index(
                "tags",
                "m1",
                org.certbound.server.index.TestJson.json("{'tenant':['t1','t5']}"),
                org.certbound.server.index.OpType.INDEX,
                org.certbound.server.index.Refresh.TRUE);
        indices.index(
                "tags",
                "m2",
                org.certbound.server.index.TestJson.json("{'tenant':['t5','t6','t5']}"),
                org.certbound.server.index.OpType.INDEX,
                org.certbound.server.index.Refresh.TRUE);

        JsonNode response = search.search(
                "tags",
                org.certbound.server.index.TestJson.json("{'size':0,'aggs':{'t':{'terms':{'field':'tenant'}}}}"),
                SearchParameters.NONE);

        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(response.at("/aggregations/t").toString())
                .isEqualTo(jsonText("{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'t5','doc_count':2},{'key':'t1','doc_count':1},{'key':'t6','doc_count':1}]}"));
    }

    @Test
    void terms_sizeAndOrder() {
        JsonNode bySize = aggregations("{'m':{'terms':{'field':'method','size':1}}}");
        JsonNode byKey = aggregations("{'s':{'terms':{'field':'status','order':{'_key':'desc'}}}}");
        JsonNode byCountAsc = aggregations("{'m':{'terms':{'field':'method','order':{'_count':'asc'}}}}");

        assertThat(bySize.at("/m/buckets/0/key").asText()).isEqualTo("GET");
        assertThat(bySize.at("/m/buckets")).hasSize(1);
        assertThat(bySize.at("/m/sum_other_doc_count").asLong()).isEqualTo(2);
        assertThat(byKey.at("/s/buckets/0/key").asLong()).isEqualTo(500);
        assertThat(byKey.at("/s/buckets/3/key").asLong()).isEqualTo(200);
        assertThat(byKey.at("/s/buckets/3/doc_count").asLong()).isEqualTo(2);
        assertThat(byCountAsc.at("/m/buckets/0/key").asText()).isEqualTo("POST");
    }

    @Test
    void terms_booleanAndDateKeyAsString() {
        JsonNode aggs = aggregations("{'ok':{'terms':{'field':'ok'}},'days':{'terms':{'field':'@timestamp',"
                + "'size':1,'order':{'_key':'asc'}}}}");

        assertThat(aggs.at("/ok/buckets/0/key").asLong()).isIn(0L, 1L);
        assertThat(aggs.at("/ok/buckets/0/key_as_string").asText()).isIn("true", "false");
        assertThat(aggs.at("/days/buckets/0/key").asLong()).isEqualTo(1704103200000L);
        assertThat(aggs.at("/days/buckets/0/key_as_string").asText()).isEqualTo("2024-01-01T10:00:00.000Z");
    }

    @Test
    void metrics_avgSumMinMaxValueCountCardinality() {
        JsonNode aggs = aggregations("{'avg':{'avg':{'field':'bytes'}},'sum':{'sum':{'field':'bytes'}},"
                + "'min':{'min':{'field':'latency'}},'max':{'max':{'field':'latency'}},"
                + "'count':{'value_count':{'field':'latency'}},'ips':{'cardinality':{'field':'client.ip'}},"
                + "'first':{'min':{'field':'@timestamp'}}}");

        assertThat(aggs.at("/avg/value").asDouble()).isEqualTo(104.0);
        assertThat(aggs.at("/sum/value").asDouble()).isEqualTo(520.0);
        assertThat(aggs.at("/min/value").asDouble()).isEqualTo(0.25);
        assertThat(aggs.at("/max/value").asDouble()).isEqualTo(3.0);
        assertThat(aggs.at("/count/value").asLong()).isEqualTo(4);
        assertThat(aggs.at("/ips/value").asLong()).isEqualTo(3);
        assertThat(aggs.at("/first/value_as_string").asText()).isEqualTo("2024-01-01T10:00:00.000Z");
    }

    @Test
    void metrics_overNoDocuments_renderNullOrZero() {
        JsonNode aggs = search("{'query':{'term':{'tenant':'none'}},'aggs':{'avg':{'avg':{'field':'bytes'}},"
                        + "'sum':{'sum':{'field':'bytes'}},'max':{'max':{'field':'bytes'}},"
                        + "'n':{'value_count':{'field':'bytes'}}}}")
                .get("aggregations");

        assertThat(aggs.at("/avg/value").isNull()).isTrue();
        assertThat(aggs.at("/max/value").isNull()).isTrue();
        assertThat(aggs.at("/sum/value").asDouble()).isEqualTo(0.0);
        assertThat(aggs.at("/n/value").asLong()).isEqualTo(0);
    }

    @Test
    void aggregations_onlyCountMatchingDocuments() {
        JsonNode aggs = search("{'query':{'term':{'method':'GET'}},'aggs':{'b':{'sum':{'field':'bytes'}}}}")
                .get("aggregations");

        assertThat(aggs.at("/b/value").asDouble()).isEqualTo(270.0);
    }

    @Test
    void dateHistogram_calendarIntervalFillsEmptyBuckets() {
        JsonNode aggs = aggregations("{'per_day':{'date_histogram':{'field':'@timestamp','calendar_interval':'day',"
                + "'format':'yyyy-MM-dd'}}}");

        JsonNode buckets = aggs.at("/per_day/buckets");
        assertThat(buckets).hasSize(5);
        assertThat(buckets.get(0).toString())
                .isEqualTo(jsonText("{'key_as_string':'2024-01-01','key':1704067200000,'doc_count':2}"));
        assertThat(buckets.get(3).get("key_as_string").asText()).isEqualTo("2024-01-04");
        assertThat(buckets.get(3).get("doc_count").asLong()).isEqualTo(0);
        assertThat(buckets.get(4).get("doc_count").asLong()).isEqualTo(1);
    }

    @Test
    void dateHistogram_fixedIntervalAndMinDocCount() {
        JsonNode aggs = aggregations(
                "{'h':{'date_histogram':{'field':'@timestamp','fixed_interval':'12h'," + "'min_doc_count':1}}}");

        JsonNode buckets = aggs.at("/h/buckets");
        assertThat(buckets).hasSize(4);
        assertThat(buckets.get(0).get("key_as_string").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(buckets.get(0).get("doc_count").asLong()).isEqualTo(2);
        assertThat(buckets.get(2).get("key_as_string").asText()).isEqualTo("2024-01-03T12:00:00.000Z");
    }

    @Test
    void dateHistogram_monthInterval() {
        JsonNode aggs = aggregations("{'m':{'date_histogram':{'field':'@timestamp','calendar_interval':'1M'}}}");

        assertThat(aggs.at("/m/buckets")).hasSize(1);
        assertThat(aggs.at("/m/buckets/0/key_as_string").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(aggs.at("/m/buckets/0/doc_count").asLong()).isEqualTo(5);
    }

    @Test
    void histogram_numericBucketsIncludingEmpty() {
        JsonNode aggs = aggregations("{'b':{'histogram':{'field':'bytes','interval':100}}}");

        assertThat(aggs.get("b").toString())
                .isEqualTo(jsonText("{'buckets':[{'key':0.0,'doc_count':2},"
                        + "{'key':100.0,'doc_count':2},{'key':200.0,'doc_count':1}]}"));
    }

    @Test
    void subAggregations_computedPerBucket() {
        JsonNode aggs = aggregations("{'t':{'terms':{'field':'tenant'},'aggs':{'bytes':{'sum':{'field':'bytes'}},"
                + "'m':{'terms':{'field':'method'}}}}}");

        JsonNode t1 = aggs.at("/t/buckets/0");
        assertThat(t1.get("key").asText()).isEqualTo("t1");
        assertThat(t1.at("/bytes/value").asDouble()).isEqualTo(350.0);
        assertThat(t1.at("/m/buckets")).hasSize(2);
        assertThat(aggs.at("/t/buckets/2/bytes/value").asDouble()).isEqualTo(120.0);
    }

    @Test
    void typedKeys_prefixNamesWithTypesRecursively() {
        JsonNode aggs = search(
                        "{'size':0,'aggs':{'t':{'terms':{'field':'tenant'},'aggs':{'a':{'avg':{'field':"
                                + "'bytes'}}}},'s':{'terms':{'field':'status'}},'l':{'terms':{'field':'latency'}},"
                                + "'d':{'date_histogram':{'field':'@timestamp','calendar_interval':'day'}},"
                                + "'h':{'histogram':{'field':'bytes','interval':50}},'sum':{'sum':{'field':'bytes'}},"
                                + "'min':{'min':{'field':'bytes'}},'max':{'max':{'field':'bytes'}},"
                                + "'vc':{'value_count':{'field':'bytes'}},'c':{'cardinality':{'field':'tenant'}}}}",
                        Map.of("typed_keys", "true"))
                .get("aggregations");

        assertThat(aggs.has("sterms#t")).isTrue();
        assertThat(aggs.at("/sterms#t/buckets/0").has("avg#a")).isTrue();
        assertThat(aggs.has("lterms#s")).isTrue();
        assertThat(aggs.has("dterms#l")).isTrue();
        assertThat(aggs.has("date_histogram#d")).isTrue();
        assertThat(aggs.has("histogram#h")).isTrue();
        assertThat(aggs.has("sum#sum")).isTrue();
        assertThat(aggs.has("min#min")).isTrue();
        assertThat(aggs.has("max#max")).isTrue();
        assertThat(aggs.has("value_count#vc")).isTrue();
        assertThat(aggs.has("cardinality#c")).isTrue();
    }

    @Test
    void unmappedField_givesEmptyBuckets() {
        JsonNode aggs = aggregations("{'x':{'terms':{'field':'nope'}},'a':{'avg':{'field':'nope'}}}");

        assertThat(aggs.at("/x/buckets")).isEmpty();
        assertThat(aggs.at("/a/value").isNull()).isTrue();
    }

    @Test
    void textField_isRejectedForAggregations() {
        IndexException failure = searchFailure("{'aggs':{'x':{'terms':{'field':'message'}}}}");

        assertThat(failure.type()).isEqualTo("illegal_argument_exception");
        assertThat(failure.reason()).contains("Fielddata is disabled on [message] in [logs]");
    }

    @Test
    void malformedAggregations_throwParsingExceptionNamingThem() {
        assertThat(searchFailure("{'aggs':{'x':{'percentiles':{'field':'bytes'}}}}")
                        .reason())
                .contains("Unknown aggregation type [percentiles] in [x]");
        assertThat(searchFailure("{'aggs':{'x':{}}}").reason()).isEqualTo("Missing definition for aggregation [x]");
        assertThat(searchFailure("{'aggs':{'x':{'avg':{'field':'bytes'},'sum':{'field':'bytes'}}}}")
                        .reason())
                .contains("Found two aggregation type definitions in [x]");
        assertThat(searchFailure("{'aggs':{'x':{'avg':{}}}}").reason())
                .contains("[x]")
                .contains("[field]");
        assertThat(searchFailure("{'aggs':{'x':{'avg':{'field':'bytes'},'aggs':{'y':{'sum':{'field':'bytes'}}}}}}")
                        .reason())
                .contains("cannot accept sub-aggregations");
        assertThat(searchFailure("{'aggs':{'x':{'histogram':{'field':'bytes'}}}}")
                        .reason())
                .contains("[interval]");
        assertThat(searchFailure("{'aggs':{'x':{'date_histogram':{'field':'@timestamp'}}}}")
                        .reason())
                .contains("calendar_interval");
        assertThat(searchFailure("{'aggs':{'x[1]':{'avg':{'field':'bytes'}}}}").reason())
                .contains("Invalid aggregation name");
    }

    private JsonNode aggregations(String aggs) {
        JsonNode response = search("{'size':0,'aggs':" + aggs + "}");
        assertThat(response.at("/hits/hits")).isEmpty();
        return response.get("aggregations");
    }
}
