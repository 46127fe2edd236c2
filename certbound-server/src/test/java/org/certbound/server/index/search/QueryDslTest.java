package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.certbound.server.index.IndexException;
import org.junit.jupiter.api.Test;

class QueryDslTest extends SearchFixture {
    @Test
    void matchAll_returnsEveryDocumentWithScoreOne() {
        var response = search("{'query':{'match_all':{}}}");

        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(5);
        assertThat(response.at("/hits/total/relation").asText()).isEqualTo("eq");
        assertThat(response.at("/hits/max_score").floatValue()).isEqualTo(1.0f);
        assertThat(response.at("/hits/hits/0/_score").floatValue()).isEqualTo(1.0f);
        assertThat(response.at("/hits/hits/0/_index").asText()).isEqualTo("logs");
        assertThat(response.at("/_shards/total").asInt()).isEqualTo(1);
        assertThat(response.get("timed_out").asBoolean()).isFalse();
    }

    @Test
    void match_analyzesTextAndAppliesOperator() {
        assertThat(ids("{'match':{'message':'HOME page'}}")).containsExactlyInAnyOrder("1", "3", "5");
        assertThat(ids("{'match':{'message':{'query':'home page','operator':'and'}}}"))
                .containsExactlyInAnyOrder("1", "5");
        assertThat(ids("{'match':{'message':{'query':'home missing form','minimum_should_match':2}}}"))
                .isEmpty();
        assertThat(ids("{'match':{'method':'GET'}}")).containsExactlyInAnyOrder("1", "3", "5");
        assertThat(ids("{'match':{'method':'get'}}")).isEmpty();
    }

    @Test
    void match_fuzziness_matchesTypo() {
        assertThat(ids("{'match':{'message':{'query':'chekout','fuzziness':'AUTO'}}}"))
                .containsExactly("4");
        assertThat(ids("{'match':{'message':'chekout'}}")).isEmpty();
    }

    @Test
    void match_scoresMoreSpecificDocumentHigher() {
        assertThat(ids("{'match':{'message':'home again'}}")).first().isEqualTo("5");
    }

    @Test
    void matchPhrase_requiresOrderUnlessSlop() {
        assertThat(ids("{'match_phrase':{'message':'home page'}}")).containsExactlyInAnyOrder("1", "5");
        assertThat(ids("{'match_phrase':{'message':'page home'}}")).isEmpty();
        assertThat(ids("{'match_phrase':{'message':{'query':'get page','slop':1}}}"))
                .containsExactlyInAnyOrder("1", "3", "5");
    }

    @Test
    void multiMatch_searchesSeveralFields() {
        assertThat(ids("{'multi_match':{'query':'POST','fields':['method','message']}}"))
                .containsExactlyInAnyOrder("2", "4");
        assertThat(ids("{'multi_match':{'query':'login','fields':['mess*']}}")).containsExactly("2");
        assertThat(ids("{'multi_match':{'query':'t3'}}")).containsExactly("5");
    }

    @Test
    void term_onEachFieldType() {
        assertThat(ids("{'term':{'path':'/login'}}")).containsExactly("2");
        assertThat(ids("{'term':{'status':404}}")).containsExactly("3");
        assertThat(ids("{'term':{'status':{'value':'500'}}}")).containsExactly("4");
        assertThat(ids("{'term':{'latency':1.5}}")).containsExactly("2");
        assertThat(ids("{'term':{'ok':false}}")).containsExactlyInAnyOrder("3", "4");
        assertThat(ids("{'term':{'@timestamp':'2024-01-02'}}")).containsExactly("3");
        assertThat(ids("{'term':{'client.ip':'10.0.0.1'}}")).containsExactlyInAnyOrder("1", "3");
        assertThat(ids("{'term':{'nope':'x'}}")).isEmpty();
    }

    @Test
    void terms_matchesAnyValue() {
        assertThat(ids("{'terms':{'status':[200,404]}}")).containsExactlyInAnyOrder("1", "3", "5");
        assertThat(ids("{'terms':{'tenant':['t2','t3']}}")).containsExactlyInAnyOrder("3", "4", "5");
    }

    @Test
    void range_numericBounds() {
        assertThat(ids("{'range':{'status':{'gte':300,'lt':500}}}")).containsExactlyInAnyOrder("2", "3");
        assertThat(ids("{'range':{'status':{'gt':302}}}")).containsExactlyInAnyOrder("3", "4");
        assertThat(ids("{'range':{'latency':{'gt':0.5,'lte':3.0}}}")).containsExactlyInAnyOrder("2", "4");
        assertThat(ids("{'range':{'bytes':{'gt':99.5,'lt':120.5}}}")).containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void range_datesWithFormatRoundingAndMath() {
        assertThat(ids("{'range':{'@timestamp':{'gte':'2024-01-02','lte':'2024-01-03'}}}"))
                .containsExactlyInAnyOrder("3", "4");
        assertThat(ids("{'range':{'@timestamp':{'gt':'2024-01-01||/d'}}}")).containsExactlyInAnyOrder("3", "4", "5");
        assertThat(ids("{'range':{'@timestamp':{'gte':'01/01/2024','lt':'02/01/2024','format':'dd/MM/yyyy'}}}"))
                .containsExactlyInAnyOrder("1", "2");
        assertThat(ids("{'range':{'@timestamp':{'gte':'now-1d/d'}}}")).isEmpty();
        assertThat(ids("{'range':{'@timestamp':{'lt':'now'}}}")).hasSize(5);
        assertThat(ids("{'range':{'@timestamp':{'gte':'2024-01-01T12:00:00','time_zone':'+02:00','lt':'2024-01-02'}}}"))
                .containsExactlyInAnyOrder("1", "2");
        assertThat(ids("{'range':{'@timestamp':{'gte':'2024-01-01T12:00:00','lt':'2024-01-02'}}}"))
                .isEmpty();
    }

    @Test
    void exists_leafAndObject() {
        assertThat(ids("{'exists':{'field':'latency'}}")).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(ids("{'exists':{'field':'client'}}")).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(ids("{'exists':{'field':'message'}}")).hasSize(5);
        assertThat(ids("{'exists':{'field':'nope'}}")).isEmpty();
    }

    @Test
    void prefixAndWildcard_onKeywordAndText() {
        assertThat(ids("{'prefix':{'path':'/lo'}}")).containsExactly("2");
        assertThat(ids("{'prefix':{'message':{'value':'chec'}}}")).containsExactly("4");
        assertThat(ids("{'wildcard':{'path':{'value':'/*ing'}}}")).containsExactly("3");
        assertThat(ids("{'wildcard':{'client.ip':'10.0.0.?'}}")).hasSize(4);
    }

    @Test
    void prefix_onNumericField_throwsQueryShardException() {
        IndexException failure = searchFailure("{'query':{'prefix':{'status':'2'}}}");

        assertThat(failure.type()).isEqualTo("query_shard_exception");
        assertThat(failure.reason()).contains("[status]").contains("[integer]");
        assertThat(failure.metadata()).containsEntry("index", "logs");
    }

    @Test
    void ids_matchesGivenIds() {
        assertThat(ids("{'ids':{'values':['2','4','99']}}")).containsExactlyInAnyOrder("2", "4");
    }

    @Test
    void bool_combinesClauses() {
        assertThat(ids("{'bool':{'must':{'term':{'method':'GET'}},'must_not':[{'term':{'status':404}}]}}"))
                .containsExactlyInAnyOrder("1", "5");
        assertThat(ids("{'bool':{'filter':[{'term':{'tenant':'t1'}}],'should':[{'term':{'status':302}}]}}"))
                .containsExactly("2", "1");
        assertThat(ids("{'bool':{'should':[{'term':{'status':302}},{'term':{'status':500}}]}}"))
                .containsExactlyInAnyOrder("2", "4");
        assertThat(ids("{'bool':{'should':[{'term':{'method':'GET'}},{'term':{'tenant':'t1'}},"
                        + "{'term':{'status':200}}],'minimum_should_match':2}}"))
                .containsExactlyInAnyOrder("1", "5");
        assertThat(ids("{'bool':{'should':[{'term':{'method':'GET'}},{'term':{'tenant':'t1'}}],"
                        + "'minimum_should_match':'100%'}}"))
                .containsExactly("1");
    }

    @Test
    void bool_filterOnly_scoresZero() {
        var response = search("{'query':{'bool':{'filter':{'term':{'tenant':'t1'}}}}}");

        assertThat(response.at("/hits/hits/0/_score").floatValue()).isEqualTo(0.0f);
        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(2);
    }

    @Test
    void queryString_typesFieldsAndOperators() {
        assertThat(ids("{'query_string':{'query':'status:404 OR method:POST'}}"))
                .containsExactlyInAnyOrder("2", "3", "4");
        assertThat(ids("{'query_string':{'query':'home AND again'}}")).containsExactly("5");
        assertThat(ids("{'query_string':{'query':'status:[300 TO 499]'}}")).containsExactlyInAnyOrder("2", "3");
        assertThat(ids("{'query_string':{'query':'\"home page\" -again'}}")).containsExactly("1");
        assertThat(ids("{'query_string':{'query':'path:\\\\/check*'}}")).containsExactly("4");
        assertThat(ids("{'query_string':{'query':'page home','default_operator':'AND','fields':['message']}}"))
                .containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void queryString_unparsable_throwsQueryShardException() {
        IndexException failure = searchFailure("{'query':{'query_string':{'query':'status:(404'}}}");

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.type()).isEqualTo("query_shard_exception");
        assertThat(failure.reason()).contains("status:(404");
    }

    @Test
    void qParameter_usesQueryStringSyntax() {
        var response = search("{}", Map.of("q", "tenant:t2", "size", "1"));

        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(hitIds(response)).hasSize(1);
    }

    @Test
    void unknownQuery_throwsParsingExceptionNamingIt() {
        IndexException failure = searchFailure("{'query':{'fuzzy_thing':{}}}");

        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.type()).isEqualTo("parsing_exception");
        assertThat(failure.reason()).isEqualTo("unknown query [fuzzy_thing]");
    }

    @Test
    void malformedClauses_throwParsingExceptionNamingClause() {
        assertThat(searchFailure("{'query':{'bool':{'musts':[]}}}").reason())
                .isEqualTo("[bool] query does not support [musts]");
        assertThat(searchFailure("{'query':{'term':{'a':1,'b':2}}}").reason())
                .contains("[term]")
                .contains("[a]")
                .contains("[b]");
        assertThat(searchFailure("{'query':{'range':{'status':{'gte':1,'above':2}}}}")
                        .reason())
                .isEqualTo("[range] query does not support [above]");
        assertThat(searchFailure("{'query':{'match':'x'}}").reason()).contains("[match]");
        assertThat(searchFailure("{'query':{'match_all':{},'term':{}}}").reason())
                .contains("[match_all]");
        assertThat(searchFailure("{'query':{'match':{'message':{'query':'x','operator':'xor'}}}}")
                        .reason())
                .contains("[operator]");
        assertThat(searchFailure("{'query':{'multi_match':{'query':'x','type':'cross_fields'}}}")
                        .reason())
                .contains("[cross_fields]");
    }

    @Test
    void unknownBodyKey_throwsParsingException() {
        IndexException failure = searchFailure("{'querry':{}}");

        assertThat(failure.type()).isEqualTo("parsing_exception");
        assertThat(failure.reason()).isEqualTo("Unknown key for a START_OBJECT in [querry].");
    }

    @Test
    void valueOfWrongType_throwsQueryShardException() {
        IndexException failure = searchFailure("{'query':{'term':{'status':'abc'}}}");

        assertThat(failure.type()).isEqualTo("query_shard_exception");
        assertThat(failure.reason()).startsWith("failed to create query:").contains("abc");
    }
}
