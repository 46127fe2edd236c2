package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.aggs.AggregationParser;
import org.certbound.server.index.aggs.Aggregations;
import org.junit.jupiter.api.Test;

/**
 * {@code search.max_buckets} over the fixture's five documents: {@code bytes} contains 0, 50, 100, 120 and 250, the
 * timestamps run from 2024-01-01T10:00:00Z to 2024-01-05T00:00:00Z, and {@code tenant} has three values.
 */
class MaxBucketsTest extends SearchFixture {
    // Keys 0, 10, ..., 250: five buckets with documents and 21 empty ones.
    private static final String HISTOGRAM_BY_TEN =
            "{'size':0,'aggs':{'h':{'histogram':{'field':'bytes','interval':10,'min_doc_count':0}}}}";
    // Three tenant buckets; inside them 4 (t1: 100 to 250), 2 (t2: 0 and 50) and 1 (t3: 100) histogram buckets.
    private static final String TENANTS_BY_FIFTY = "{'size':0,'aggs':{'t':{'terms':{'field':'tenant'},'aggs':{"
            + "'h':{'histogram':{'field':'bytes','interval':50,'min_doc_count':0}}}}}}";

    @Test
    void histogram_emptyBucketsExactlyAtLimit_passes() {
        JsonNode buckets = searchWithLimit(26, HISTOGRAM_BY_TEN).at("/aggregations/h/buckets");

        assertThat(buckets).hasSize(26);
    }

    @Test
    void histogram_emptyBucketsOneOverLimit_throwsTooManyBuckets() {
        IndexException failure = failureWithLimit(25, HISTOGRAM_BY_TEN);

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("at least [26] buckets");
        assertThat(failure.reason()).contains("limit of [25]");
        assertThat(failure.reason()).contains("[search.max_buckets]");
    }

    @Test
    void histogram_tinyInterval_countsEmptyBucketsBeforeFillingThem() {
        // 250 / 0.000001 keys: filling them first would exhaust the test's heap long before any check.
        IndexException failure =
                failureWithLimit(65_536, "{'size':0,'aggs':{'h':{'histogram':{'field':'bytes','interval':0.000001}}}}");

        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("at least [250000001] buckets");
    }

    @Test
    void dateHistogram_oneSecondOverDays_countsEmptyBucketsBeforeFillingThem() {
        // 3 days and 14 hours in seconds, plus the first key.
        IndexException failure = failureWithLimit(
                65_536,
                "{'size':0,'aggs':{'h':{'date_histogram':{'field':'@timestamp','fixed_interval':'1s',"
                        + "'min_doc_count':0}}}}");

        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("at least [309601] buckets");
    }

    @Test
    void dateHistogram_calendarMinutesOverDays_isCountedBeforeFilling() {
        IndexException failure = failureWithLimit(
                1_000,
                "{'size':0,'aggs':{'h':{'date_histogram':{'field':'@timestamp','calendar_interval':'minute',"
                        + "'time_zone':'Europe/Paris'}}}}");

        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("limit of [1000]");
    }

    @Test
    void minDocCountOne_emptyBucketsAreNotCreated() {
        JsonNode buckets = searchWithLimit(
                        5,
                        "{'size':0,'aggs':{'h':{'histogram':{'field':'bytes','interval':0.000001,'min_doc_count':1}}}}")
                .at("/aggregations/h/buckets");

        assertThat(buckets).hasSize(5);
    }

    @Test
    void histogram_intervalTooSmall_rejected() {
        IndexException failure =
                failureWithLimit(65_536, "{'size':0,'aggs':{'h':{'histogram':{'field':'bytes','interval':1e-320}}}}");

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.reason()).contains("interval is too small");
    }

    @Test
    void histogram_missingOption_rejected() {
        IndexException failure = failureWithLimit(
                65_536, "{'size':0,'aggs':{'h':{'histogram':{'field':'bytes','interval':10,'missing':0}}}}");

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.reason()).contains("does not support [missing]");
    }

    @Test
    void terms_bucketsExactlyAtLimit_pass() {
        JsonNode buckets = searchWithLimit(3, "{'size':0,'aggs':{'t':{'terms':{'field':'tenant'}}}}")
                .at("/aggregations/t/buckets");

        assertThat(buckets).hasSize(3);
    }

    @Test
    void terms_bucketsOneOverLimit_throw() {
        IndexException failure = failureWithLimit(2, "{'size':0,'aggs':{'t':{'terms':{'field':'tenant'}}}}");

        assertThat(failure.type()).isEqualTo("too_many_buckets_exception");
        assertThat(failure.reason()).contains("at least [3] buckets");
    }

    @Test
    void bareTerms_countsListedBuckets() {
        // Three tenants, size 1: the two cut buckets cost nothing, so a limit of 1 is enough.
        JsonNode buckets = searchWithLimit(1, "{'size':0,'aggs':{'t':{'terms':{'field':'tenant','size':1}}}}")
                .at("/aggregations/t/buckets");

        assertThat(buckets).hasSize(1);
    }

    @Test
    void termsTimesHistogram_countsEveryLevel() {
        JsonNode tenants = searchWithLimit(10, TENANTS_BY_FIFTY).at("/aggregations/t/buckets");

        assertThat(tenants).hasSize(3);
        assertThat(tenants.at("/0/h/buckets")).hasSize(4);
        assertThat(failureWithLimit(9, TENANTS_BY_FIFTY).type()).isEqualTo("too_many_buckets_exception");
    }

    @Test
    void siblingAggregations_shareOneLimit() {
        String twoHistograms = "{'size':0,'aggs':{"
                + "'a':{'histogram':{'field':'bytes','interval':10,'min_doc_count':0}},"
                + "'b':{'histogram':{'field':'bytes','interval':10,'min_doc_count':0}}}}";

        assertThat(searchWithLimit(52, twoHistograms).at("/aggregations/b/buckets"))
                .hasSize(26);
        assertThat(failureWithLimit(51, twoHistograms).type()).isEqualTo("too_many_buckets_exception");
    }

    @Test
    void merge_filledBucketsOverLimit_throwBeforeFilling() {
        List<JsonNode> partials = List.of(
                json("{'h':{'buckets':[{'key':0.0,'doc_count':1}]}}"),
                json("{'h':{'buckets':[{'key':1.0E9,'doc_count':1}]}}"));

        assertThatThrownBy(() -> Aggregations.merge(
                        AggregationParser.parse(json("{'h':{'histogram':{'field':'n','interval':1}}}")),
                        partials,
                        false,
                        65_536))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("at least [1000000001] buckets");
    }

    @Test
    void merge_partialBucketsOverLimit_throw() {
        List<JsonNode> partials = List.of(json("{'t':{'buckets':[{'key':'a','doc_count':1},{'key':'b','doc_count':1},"
                + "{'key':'c','doc_count':1}]}}"));

        assertThatThrownBy(() -> Aggregations.merge(
                        AggregationParser.parse(json("{'t':{'terms':{'field':'k'}}}")), partials, false, 2))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("limit of [2]");
    }

    @Test
    void histogram_intervalBelowKeyPrecision_throwsInsteadOfLooping() {
        indices.createIndex("wide", json("{'mappings':" + MAPPINGS + "}"));
        // Adjacent doubles 16384 apart: an interval of 1 cannot move from one key to the next.
        indices.index("wide", "a", json("{'latency':1.0E20}"), OpType.INDEX, Refresh.TRUE);
        indices.index("wide", "b", json("{'latency':1.0000000000000002E20}"), OpType.INDEX, Refresh.TRUE);

        IndexException failure = catchThrowableOfType(
                () -> new SearchService(indices, () -> 65_536)
                        .search(
                                "wide",
                                json("{'size':0,'aggs':{'h':{'histogram':{'field':'latency','interval':1}}}}"),
                                SearchParameters.NONE),
                IndexException.class);

        assertThat(failure.type()).isEqualTo("illegal_argument_exception");
        assertThat(failure.reason()).contains("interval too small");
    }

    @Test
    void histogram_nonPositiveInterval_isRejected() {
        for (String interval : new String[] {"0", "-1", "'abc'"}) {
            IndexException failure = failureWithLimit(
                    65_536, "{'aggs':{'h':{'histogram':{'field':'bytes','interval':" + interval + "}}}}");

            assertThat(failure.status()).as(interval).isEqualTo(400);
            assertThat(failure.reason()).as(interval).contains("greater than 0");
        }
    }

    @Test
    void dateHistogram_nonPositiveFixedInterval_isRejected() {
        for (String interval : new String[] {"0s", "-1s", "0ms"}) {
            IndexException failure = failureWithLimit(
                    65_536,
                    "{'aggs':{'h':{'date_histogram':{'field':'@timestamp','fixed_interval':'" + interval + "'}}}}");

            assertThat(failure.status()).as(interval).isEqualTo(400);
            assertThat(failure.reason()).as(interval).contains("[" + interval + "]");
        }
    }

    @Test
    void bounds_areRejectedNotIgnored() {
        for (String option : new String[] {"extended_bounds", "hard_bounds"}) {
            IndexException failure = failureWithLimit(
                    65_536,
                    "{'aggs':{'h':{'histogram':{'field':'bytes','interval':1,'" + option
                            + "':{'min':0,'max':1000000000000}}}}}");

            assertThat(failure.type()).as(option).isEqualTo("illegal_argument_exception");
            assertThat(failure.reason()).as(option).contains("does not support [" + option + "]");
        }
    }

    @Test
    void limit_isReadForEverySearch() {
        int[] current = {25};
        SearchService dynamic = new SearchService(indices, () -> current[0]);
        assertThatThrownBy(() -> dynamic.search("logs", json(HISTOGRAM_BY_TEN), SearchParameters.NONE))
                .isInstanceOf(IndexException.class);

        current[0] = 26;

        assertThat(dynamic.search("logs", json(HISTOGRAM_BY_TEN), SearchParameters.NONE)
                        .at("/aggregations/h/buckets"))
                .hasSize(26);
    }

    private JsonNode searchWithLimit(int maxBuckets, String body) {
        return new SearchService(indices, () -> maxBuckets).search("logs", json(body), SearchParameters.NONE);
    }

    private IndexException failureWithLimit(int maxBuckets, String body) {
        return catchThrowableOfType(() -> searchWithLimit(maxBuckets, body), IndexException.class);
    }
}
