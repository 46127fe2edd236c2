package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrossClusterRequestBodyTest {

    private static CrossClusterRequestBody parse(String action, String json) {
        return CrossClusterRequestBody.parse(action, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_wellFormedSearch_readsEveryField() {
        CrossClusterRequestBody body = parse(
                CrossClusterActions.SEARCH,
                "{'indices':['logs-1','metrics-*'],'ignore_unavailable':true,'search':{'size':1}}");

        assertThat(body.indices()).containsExactly("logs-1", "metrics-*");
        assertThat(body.ignoreUnavailable()).isTrue();
        assertThat(body.search().path("size").asInt()).isEqualTo(1);
    }

    @Test
    void parse_emptyBody_defaults() {
        CrossClusterRequestBody body = parse(CrossClusterActions.COUNT, "");

        assertThat(body.indices()).containsExactly("_all");
        assertThat(body.ignoreUnavailable()).isFalse();
        assertThat(body.search().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'indices':'metrics-1','search':{}}     | [indices] must be an array of non-empty strings, got a string",
                "{'indices':null}                        | [indices] must be an array of non-empty strings, got [null]",
                "{'indices':['logs-1',null]}             | [indices] must be an array of non-empty strings, got [null]",
                "{'indices':['']}                        | [indices] must be an array of non-empty strings, got a string",
                "{'search':'q'}                          | [search] must be an object, got a string",
                "{'search':null}                         | [search] must be an object, got [null]",
                "{'ignore_unavailable':'maybe'}          | [ignore_unavailable] must be a boolean, got a string",
                "{'ignore_unavailable':null}             | [ignore_unavailable] must be a boolean, got [null]",
                "{'indices':['a'],'indexes':['b']}       | unknown field [indexes]",
                "[5]                                     | the body must be a JSON object, got an array",
                "{'indices':['a'],'indices':['b']}       | the body is not valid JSON",
            })
    void parse_wrongFieldOrType_rejectedNamingFieldAndType(String json, String message) {
        assertThatThrownBy(() -> parse(CrossClusterActions.SEARCH, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void parse_searchFieldOnResolveAction_rejectedAsUnknown() {
        assertThatThrownBy(() -> parse(CrossClusterActions.RESOLVE_INDEX, "{'indices':['a'],'search':{}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field [search]")
                .hasMessageContaining(CrossClusterActions.RESOLVE_INDEX)
                .hasMessageContaining("[indices]");
    }

    @Test
    void parse_searchWithPartialAggregations_readsFlag() {
        CrossClusterRequestBody body = parse(CrossClusterActions.SEARCH, "{'search':{},'partial_aggregations':true}");

        assertThat(body.partialAggregations()).isTrue();
    }

    @Test
    void parse_partialAggregationsOnCount_rejectedAsUnknown() {
        assertThatThrownBy(() -> parse(CrossClusterActions.COUNT, "{'partial_aggregations':true}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field [partial_aggregations]");
    }

    @Test
    void parse_fieldCaps_readsFields() {
        CrossClusterRequestBody body =
                parse(CrossClusterActions.FIELD_CAPS, "{'indices':['logs-*'],'fields':['a','b*']}");

        assertThat(body.fields()).containsExactly("a", "b*");
        assertThat(body.partialAggregations()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{'indices':['a']}                       | must name [fields]",
                "{'fields':[]}                           | [fields] must be a non-empty array of non-empty strings",
                "{'fields':'a'}                          | [fields] must be a non-empty array of non-empty strings",
                "{'fields':['a',1]}                      | [fields] must be a non-empty array of non-empty strings",
                "{'fields':['a'],'search':{}}            | unknown field [search]",
            })
    void parse_fieldCapsMalformed_rejected(String json, String message) {
        assertThatThrownBy(() -> parse(CrossClusterActions.FIELD_CAPS, json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
