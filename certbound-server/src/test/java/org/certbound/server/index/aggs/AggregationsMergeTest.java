package org.certbound.server.index.aggs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationsMergeTest {

    private static JsonNode merge(String aggs, boolean typedKeys, String... partials) {
        List<JsonNode> parsed =
                java.util.Arrays.stream(partials).map(p -> (JsonNode) json(p)).toList();
        return Aggregations.merge(AggregationParser.parse(json(aggs)), parsed, typedKeys, 65_536);
    }

    @Test
    void avg_unevenClusters_weightsByCount() {
        // The average of the two averages, (100 + 10) / 2 = 55, is wrong: four values sum to 130.
        JsonNode merged = merge(
                "{'a':{'avg':{'field':'x'}}}",
                false,
                "{'a':{'count':1,'sum':100.0,'min':100.0,'max':100.0}}",
                "{'a':{'count':3,'sum':30.0,'min':5.0,'max':15.0}}");

        assertThat(merged.at("/a/value").asDouble()).isEqualTo(32.5);
    }

    @Test
    void metrics_oneClusterWithoutValues_ignoresIt() {
        String empty = "{'lo':{'count':0,'sum':0.0},'hi':{'count':0,'sum':0.0},'n':{'count':0,'sum':0.0}}";
        JsonNode merged = merge(
                "{'lo':{'min':{'field':'x'}},'hi':{'max':{'field':'x'}},'n':{'value_count':{'field':'x'}}}",
                false,
                empty,
                "{'lo':{'count':2,'sum':9.0,'min':4.0,'max':5.0},'hi':{'count':2,'sum':9.0,'min':4.0,'max':5.0},"
                        + "'n':{'count':2,'sum':9.0,'min':4.0,'max':5.0}}");

        assertThat(merged.at("/lo/value").asDouble()).isEqualTo(4.0);
        assertThat(merged.at("/hi/value").asDouble()).isEqualTo(5.0);
        assertThat(merged.at("/n/value").asLong()).isEqualTo(2);
    }

    @Test
    void cardinality_overlappingValues_countsEachOnce() {
        // Summing the per-cluster counts would give 6.
        JsonNode merged = merge(
                "{'c':{'cardinality':{'field':'x'}}}",
                false,
                "{'c':{'values':['a','b','c']}}",
                "{'c':{'values':['b','c','d']}}");

        assertThat(merged.at("/c/value").asLong()).isEqualTo(4);
    }

    @Test
    void terms_bucketInOneCluster_countedBeforeTopSize() {
        JsonNode merged = merge(
                "{'t':{'terms':{'field':'x','size':2}}}",
                false,
                "{'t':{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'x','doc_count':5},{'key':'y','doc_count':4}],'field_type':'keyword'}}",
                "{'t':{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'z','doc_count':6},{'key':'y','doc_count':3}],'field_type':'keyword'}}");

        JsonNode terms = merged.get("t");
        assertThat(terms.at("/buckets/0/key").asText()).isEqualTo("y");
        assertThat(terms.at("/buckets/0/doc_count").asLong()).isEqualTo(7);
        assertThat(terms.at("/buckets/1/key").asText()).isEqualTo("z");
        assertThat(terms.path("buckets")).hasSize(2);
        assertThat(terms.path("sum_other_doc_count").asLong()).isEqualTo(5);
        assertThat(terms.path("doc_count_error_upper_bound").asLong()).isZero();
    }

    @Test
    void terms_truncatedCluster_reportsErrorBound() {
        JsonNode merged = merge(
                "{'t':{'terms':{'field':'x','size':1}}}",
                false,
                "{'t':{'doc_count_error_upper_bound':2,'sum_other_doc_count':3,'buckets':["
                        + "{'key':'x','doc_count':4}],'field_type':'keyword'}}",
                "{'t':{'doc_count_error_upper_bound':0,'sum_other_doc_count':0,'buckets':["
                        + "{'key':'y','doc_count':1}],'field_type':'keyword'}}");

        JsonNode terms = merged.get("t");
        assertThat(terms.at("/buckets/0/key").asText()).isEqualTo("x");
        assertThat(terms.path("doc_count_error_upper_bound").asLong()).isEqualTo(2);
        assertThat(terms.path("sum_other_doc_count").asLong()).isEqualTo(4);
    }

    @Test
    void terms_minDocCount_appliesToMergedCounts() {
        JsonNode merged = merge(
                "{'t':{'terms':{'field':'n','min_doc_count':2}}}",
                false,
                "{'t':{'buckets':[{'key':7,'doc_count':1},{'key':8,'doc_count':1}],'field_type':'long'}}",
                "{'t':{'buckets':[{'key':7,'doc_count':1}],'field_type':'long'}}");

        assertThat(merged.at("/t/buckets")).hasSize(1);
        assertThat(merged.at("/t/buckets/0/key").asLong()).isEqualTo(7);
        assertThat(merged.at("/t/buckets/0/doc_count").asLong()).isEqualTo(2);
    }

    @Test
    void histogram_bucketsFromDifferentClusters_fillsGapBetween() {
        JsonNode merged = merge(
                "{'h':{'histogram':{'field':'x','interval':10}}}",
                false,
                "{'h':{'buckets':[{'key':0.0,'doc_count':1}],'field_type':'long'}}",
                "{'h':{'buckets':[{'key':20.0,'doc_count':2},{'key':0.0,'doc_count':3}],'field_type':'long'}}");

        JsonNode buckets = merged.at("/h/buckets");
        assertThat(buckets).hasSize(3);
        assertThat(buckets.at("/0/doc_count").asLong()).isEqualTo(4);
        assertThat(buckets.at("/1/key").asDouble()).isEqualTo(10.0);
        assertThat(buckets.at("/1/doc_count").asLong()).isZero();
        assertThat(buckets.at("/2/doc_count").asLong()).isEqualTo(2);
    }

    @Test
    void dateHistogram_partialFormat_rendersKeyAsString() {
        JsonNode merged = merge(
                "{'d':{'date_histogram':{'field':'ts','calendar_interval':'day'}}}",
                false,
                "{'d':{'buckets':[{'key':86400000.0,'doc_count':1}],'field_type':'date',"
                        + "'format':'strict_date_optional_time||epoch_millis'}}");

        assertThat(merged.at("/d/buckets/0/key").asLong()).isEqualTo(86_400_000L);
        assertThat(merged.at("/d/buckets/0/key_as_string").asText()).isEqualTo("1970-01-02T00:00:00.000Z");
    }

    @Test
    void subAggregations_typedKeys_mergePerBucket() {
        JsonNode merged = merge(
                "{'t':{'terms':{'field':'x'},'aggs':{'a':{'avg':{'field':'v'}}}}}",
                true,
                "{'t':{'buckets':[{'key':'k','doc_count':1,'aggregations':{'a':{'count':1,'sum':2.0,'min':2.0,"
                        + "'max':2.0}}}],'field_type':'keyword'}}",
                "{'t':{'buckets':[{'key':'k','doc_count':2,'aggregations':{'a':{'count':2,'sum':10.0,'min':4.0,"
                        + "'max':6.0}}}],'field_type':'keyword'}}");

        JsonNode bucket = merged.at("/sterms#t/buckets/0");
        assertThat(bucket.path("doc_count").asLong()).isEqualTo(3);
        assertThat(bucket.at("/avg#a/value").asDouble()).isEqualTo(4.0);
    }

    @Test
    void merge_malformedPartial_countsAsEmpty() {
        JsonNode merged = merge(
                "{'a':{'avg':{'field':'x'}},'t':{'terms':{'field':'x'}}}",
                false,
                "{'a':'garbage','t':{'buckets':[{'key':{'nested':1},'doc_count':5}]}}");

        assertThat(merged.at("/a/value").isNull()).isTrue();
        assertThat(merged.at("/t/buckets")).isEmpty();
    }
}
