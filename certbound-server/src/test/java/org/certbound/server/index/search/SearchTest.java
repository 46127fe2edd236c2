package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.security.IndexAccessControl;
import org.junit.jupiter.api.Test;

class SearchTest extends SearchFixture {
    @Test
    void sort_byKeywordNumericAndDate() {
        assertThat(hitIds(search("{'sort':[{'bytes':'desc'}]}"))).containsExactly("2", "5", "1", "3", "4");
        assertThat(hitIds(search("{'sort':['method',{'status':{'order':'desc'}},'_doc']}")))
                .containsExactly("3", "1", "5", "4", "2");
        assertThat(hitIds(search("{'sort':{'@timestamp':'desc'}}"))).containsExactly("5", "4", "3", "2", "1");
        assertThat(hitIds(search("{}", Map.of("sort", "latency:asc")))).containsExactly("3", "1", "2", "4", "5");
    }

    @Test
    void sort_rendersSortValuesAndNullScores() {
        JsonNode response = search("{'sort':[{'@timestamp':'asc'},{'path':'asc'}],'size':1}");

        JsonNode hit = response.at("/hits/hits/0");
        assertThat(hit.get("_score").isNull()).isTrue();
        assertThat(response.at("/hits/max_score").isNull()).isTrue();
        assertThat(hit.get("sort").toString()).isEqualTo("[1704103200000,\"/\"]");
    }

    @Test
    void sort_missingValuesGoLastInBothOrders() {
        assertThat(hitIds(search("{'sort':[{'latency':'desc'}]}"))).last().isEqualTo("5");
        assertThat(hitIds(search("{'sort':[{'latency':'asc'}]}"))).last().isEqualTo("5");
        assertThat(hitIds(search("{'sort':[{'latency':{'order':'asc','missing':'_first'}}]}")))
                .first()
                .isEqualTo("5");
    }

    @Test
    void sort_trackScores_keepsScores() {
        JsonNode response = search("{'query':{'match':{'message':'home'}},'sort':['bytes'],'track_scores':true}");

        assertThat(response.at("/hits/hits/0/_score").floatValue()).isPositive();
        assertThat(response.at("/hits/max_score").floatValue()).isPositive();
    }

    @Test
    void sort_onTextField_isRejected() {
        IndexException failure = searchFailure("{'sort':['message']}");

        assertThat(failure.type()).isEqualTo("illegal_argument_exception");
        assertThat(failure.reason()).contains("[message]").contains("keyword");
    }

    @Test
    void sort_onUnmappedField_needsUnmappedType() {
        assertThat(searchFailure("{'sort':['nope']}").reason()).contains("No mapping found for [nope]");
        assertThat(hitIds(search("{'sort':[{'nope':{'unmapped_type':'long'}}]}")))
                .hasSize(5);
    }

    @Test
    void fromAndSize_pageThroughSortedHits() {
        assertThat(hitIds(search("{'sort':['bytes'],'from':1,'size':2}"))).containsExactly("3", "1");
        assertThat(hitIds(search("{'size':0}"))).isEmpty();
        assertThat(search("{'size':0}").at("/hits/total/value").asLong()).isEqualTo(5);
    }

    @Test
    void fromPlusSize_aboveResultWindow_isRejected() {
        IndexException failure = searchFailure("{'from':9995,'size':10}");

        assertThat(failure.reason()).contains("Result window is too large").contains("[10005]");
    }

    @Test
    void searchAfter_continuesAfterSortValues() {
        JsonNode first = search("{'sort':[{'bytes':'asc'}],'size':2}");
        JsonNode last = first.at("/hits/hits/1/sort");

        JsonNode next = search("{'sort':[{'bytes':'asc'}],'size':2,'search_after':" + last + "}");

        assertThat(hitIds(first)).containsExactly("4", "3");
        assertThat(hitIds(next)).containsExactly("1", "5");
    }

    @Test
    void searchAfter_wrongNumberOfValues_isRejected() {
        IndexException failure = searchFailure("{'sort':['bytes'],'search_after':[1,2]}");

        assertThat(failure.reason()).isEqualTo("search_after has 2 value(s) but sort has 1.");
    }

    @Test
    void source_filtering() {
        JsonNode includes = search("{'query':{'ids':{'values':['1']}},'_source':['client','status']}");
        JsonNode excludes = search("{'query':{'ids':{'values':['1']}},"
                + "'_source':{'includes':['*'],'excludes':['message','client.*']}}");
        JsonNode none = search("{'query':{'ids':{'values':['1']}},'_source':false}");
        JsonNode parameter = search("{'query':{'ids':{'values':['1']}}}", Map.of("_source_includes", "path,bytes"));

        assertThat(includes.at("/hits/hits/0/_source")).isEqualTo(json("{'status':200,'client':{'ip':'10.0.0.1'}}"));
        assertThat(excludes.at("/hits/hits/0/_source").has("message")).isFalse();
        assertThat(excludes.at("/hits/hits/0/_source/client")).isEqualTo(json("{}"));
        assertThat(excludes.at("/hits/hits/0/_source").has("path")).isTrue();
        assertThat(none.at("/hits/hits/0").has("_source")).isFalse();
        assertThat(parameter.at("/hits/hits/0/_source")).isEqualTo(json("{'path':'/','bytes':100}"));
    }

    @Test
    void trackTotalHits_thresholdFalseAndInt() {
        JsonNode limited = search("{'track_total_hits':2,'size':1}");
        // Lucene counts every hit of a match_all exactly when the page holds them all; the total is still capped.
        JsonNode counted = search("{'track_total_hits':2,'size':10}");
        JsonNode disabled = search("{'track_total_hits':false}");
        JsonNode asInt = search("{}", Map.of("rest_total_hits_as_int", "true"));

        assertThat(limited.at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(limited.at("/hits/total/relation").asText()).isEqualTo("gte");
        assertThat(counted.at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(counted.at("/hits/total/relation").asText()).isEqualTo("gte");
        assertThat(counted.at("/hits/hits").size()).isEqualTo(5);
        assertThat(disabled.at("/hits").has("total")).isFalse();
        assertThat(asInt.at("/hits/total").asLong()).isEqualTo(5);
        assertThat(search("{'track_total_hits':true}")
                        .at("/hits/total/relation")
                        .asText())
                .isEqualTo("eq");
    }

    @Test
    void version_addsVersionToHits() {
        indices.index("logs", "1", json("{'status':201}"), OpType.INDEX, Refresh.TRUE);

        JsonNode response = search("{'query':{'ids':{'values':['1']}},'version':true}");

        assertThat(response.at("/hits/hits/0/_version").asLong()).isEqualTo(2);
    }

    @Test
    void indexExpressions_namesWildcardsExclusionsAndAll() {
        indices.index("logs-b", "b1", json("{'status':1}"), OpType.INDEX, Refresh.TRUE);
        indices.index("other", "o1", json("{'status':1}"), OpType.INDEX, Refresh.TRUE);

        assertThat(total("logs,other")).isEqualTo(6);
        assertThat(total("logs*")).isEqualTo(6);
        assertThat(total("*,-logs*")).isEqualTo(1);
        assertThat(total("_all")).isEqualTo(7);
        assertThat(total(null)).isEqualTo(7);
        assertThat(total("nomatch*")).isEqualTo(0);
    }

    @Test
    void indexExpressions_missingAndEmptyOptions() {
        assertThatThrownBy(() -> search.search("logs,nope", null, SearchParameters.NONE))
                .isInstanceOfSatisfying(IndexException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.type()).isEqualTo("index_not_found_exception");
                });
        assertThat(search.search("logs,nope", null, SearchParameters.of(Map.of("ignore_unavailable", "true")))
                        .at("/hits/total/value")
                        .asLong())
                .isEqualTo(5);
        assertThatThrownBy(
                        () -> search.search("nomatch*", null, SearchParameters.of(Map.of("allow_no_indices", "false"))))
                .isInstanceOfSatisfying(
                        IndexException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void multipleIndices_mergeSortedHitsWithIndexNames() {
        indices.index("logs-b", "b1", json("{'bytes':75}"), OpType.INDEX, Refresh.TRUE);

        JsonNode response = search.search("logs*", json("{'sort':['bytes'],'size':3}"), SearchParameters.NONE);

        assertThat(hitIds(response)).containsExactly("4", "3", "b1");
        assertThat(response.at("/hits/hits/2/_index").asText()).isEqualTo("logs-b");
        assertThat(response.at("/_shards/total").asInt()).isEqualTo(2);
    }

    @Test
    void count_returnsMatchingCount() {
        JsonNode count = search.count(
                "logs",
                json("{'query':{'term':{'tenant':'t1'}}}"),
                SearchParameters.NONE,
                IndexAccessControl.UNRESTRICTED);

        assertThat(count.get("count").asLong()).isEqualTo(2);
        assertThat(count.at("/_shards/successful").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> search.count(
                        "logs", json("{'size':1}"), SearchParameters.NONE, IndexAccessControl.UNRESTRICTED))
                .isInstanceOf(IndexException.class);
    }

    @Test
    void execute_returnsRawSortValuesForMerging() {
        SearchRequest request =
                SearchRequest.parse(json("{'sort':[{'path':'asc'},{'bytes':'desc'}],'size':2}"), SearchParameters.NONE);

        SearchResult result = search.execute("logs", request, SearchParameters.NONE, IndexAccessControl.UNRESTRICTED);

        assertThat(result.hits()).hasSize(2);
        assertThat(result.hits().get(0).sortValues()).containsExactly("/", 120L);
        assertThat(result.hits().get(1).sortValues()).containsExactly("/", 100L);
        assertThat(result.totalHits()).isEqualTo(5);
    }

    @Test
    void unrefreshedWrites_areInvisibleUntilRefresh() {
        indices.index("logs", "new", json("{'status':1}"), OpType.INDEX, Refresh.FALSE);

        long before = total("logs");
        indices.refresh("logs");

        assertThat(before).isEqualTo(5);
        assertThat(total("logs")).isEqualTo(6);
    }

    private long total(String expression) {
        return search.search(expression, null, SearchParameters.NONE)
                .at("/hits/total/value")
                .asLong();
    }
}
