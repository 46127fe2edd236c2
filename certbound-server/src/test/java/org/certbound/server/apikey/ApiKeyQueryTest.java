package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyQueryTest {
    private final MutableClock clock = new MutableClock();
    private final ApiKeyDocument alpha = key("a1", "alpha-1", ApiKeyType.REST, "alice", "{'env':'prod','n':3}", 0);
    private final ApiKeyDocument beta =
            key("b1", "beta", ApiKeyType.CROSS_CLUSTER, "bob", "{'env':'dev','tags':['x','y']}", 1);
    private final ApiKeyDocument gamma = key("c1", "Alpha-2", ApiKeyType.REST, "alice", "{}", 2)
            .withInvalidation(Instant.parse("2026-01-05T00:00:00Z"));

    private ApiKeyDocument key(String id, String name, ApiKeyType type, String user, String metadata, int day) {
        Instant creation = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(day));
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        return new ApiKeyDocument(
                id,
                name,
                type,
                creation,
                day == 1 ? creation.plus(Duration.ofDays(30)) : null,
                null,
                "{SSHA256}x$y",
                empty,
                empty,
                null,
                (ObjectNode) Json.parse(metadata),
                null,
                new ApiKeyDocument.Owner(user, "file1", "file"),
                null);
    }

    private List<String> ids(String query) {
        ApiKeyQuery parsed = ApiKeyQuery.parse(Json.parse(query), clock);
        return List.of(alpha, beta, gamma).stream()
                .filter(parsed::matches)
                .map(ApiKeyDocument::id)
                .toList();
    }

    @Test
    void term_name_exactMatch() {
        assertThat(ids("{'term':{'name':'beta'}}")).containsExactly("b1");
        assertThat(ids("{'term':{'name':{'value':'ALPHA-1','case_insensitive':true}}}"))
                .containsExactly("a1");
    }

    @Test
    void term_type_and_invalidated() {
        assertThat(ids("{'term':{'type':'cross_cluster'}}")).containsExactly("b1");
        assertThat(ids("{'term':{'invalidated':true}}")).containsExactly("c1");
    }

    @Test
    void terms_username() {
        assertThat(ids("{'terms':{'username':['bob','carol']}}")).containsExactly("b1");
    }

    @Test
    void prefix_and_wildcard_onName() {
        assertThat(ids("{'prefix':{'name':'alpha'}}")).containsExactly("a1");
        assertThat(ids("{'prefix':{'name':{'value':'alpha','case_insensitive':true}}}"))
                .containsExactly("a1", "c1");
        assertThat(ids("{'wildcard':{'name':'*ta'}}")).containsExactly("b1");
        assertThat(ids("{'wildcard':{'name':{'value':'alpha-?'}}}")).containsExactly("a1");
    }

    @Test
    void wildcard_regexCharacters_areLiteral() {
        assertThat(ids("{'wildcard':{'name':'alpha.1'}}")).isEmpty();
    }

    @Test
    void range_creation_withIsoAndMillis() {
        assertThat(ids("{'range':{'creation':{'gte':'2026-01-02T00:00:00Z'}}}")).containsExactly("b1", "c1");
        long day2 = Instant.parse("2026-01-03T00:00:00Z").toEpochMilli();
        assertThat(ids("{'range':{'creation':{'lt':" + day2 + "}}}")).containsExactly("a1", "b1");
        assertThat(ids("{'range':{'creation':{'gt':'2026-01-01','lte':'2026-01-02'}}}"))
                .containsExactly("b1");
    }

    @Test
    void range_dateMath_usesClock() {
        clock.advance(Duration.ofDays(2));

        assertThat(ids("{'range':{'creation':{'gte':'now-1d'}}}")).containsExactly("b1", "c1");
        assertThat(ids("{'range':{'expiration':{'lte':'now+28d'}}}")).isEmpty();
        assertThat(ids("{'range':{'expiration':{'lte':'now+30d'}}}")).containsExactly("b1");
    }

    @Test
    void exists_expiration_and_metadata() {
        assertThat(ids("{'exists':{'field':'expiration'}}")).containsExactly("b1");
        assertThat(ids("{'exists':{'field':'metadata.env'}}")).containsExactly("a1", "b1");
        assertThat(ids("{'exists':{'field':'invalidation'}}")).containsExactly("c1");
    }

    @Test
    void metadata_termArrayAndNumber() {
        assertThat(ids("{'term':{'metadata.tags':'y'}}")).containsExactly("b1");
        assertThat(ids("{'term':{'metadata.n':3}}")).containsExactly("a1");
        assertThat(ids("{'range':{'metadata.n':{'gt':2}}}")).containsExactly("a1");
    }

    @Test
    void bool_combinations() {
        assertThat(ids("{'bool':{'must':[{'term':{'username':'alice'}}],'must_not':{'term':{'invalidated':true}}}}"))
                .containsExactly("a1");
        assertThat(ids("{'bool':{'should':[{'term':{'name':'beta'}},{'term':{'id':'c1'}}]}}"))
                .containsExactly("b1", "c1");
        assertThat(ids("{'bool':{'filter':[{'term':{'username':'alice'}}],'should':[{'term':{'id':'zz'}}]}}"))
                .containsExactly("a1", "c1");
        assertThat(ids("{'bool':{'should':[{'term':{'username':'alice'}},{'prefix':{'name':'alpha'}}],"
                        + "'minimum_should_match':2}}"))
                .containsExactly("a1");
    }

    @Test
    void realmAlias_andIds_andMatchAll() {
        assertThat(ids("{'term':{'realm':'file1'}}")).hasSize(3);
        assertThat(ids("{'term':{'realm_name':'other'}}")).isEmpty();
        assertThat(ids("{'ids':{'values':['a1','c1']}}")).containsExactly("a1", "c1");
        assertThat(ids("{'match_all':{}}")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'term':{'api_key_hash':'x'}}",
                "{'exists':{'field':'role_descriptors'}}",
                "{'prefix':{'certificate_identity':'CN'}}"
            })
    void unknownField_rejectedNamingIt(String query) {
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse(query), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not allowed in an API key query");
    }

    @Test
    void unsupportedQueryType_rejected() {
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'fuzzy':{'name':'a'}}"), clock))
                .hasMessageContaining("query type [fuzzy] is not supported");
    }

    @Test
    void malformedQueries_rejected() {
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{}"), clock)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'term':{'name':'a'},'ids':{}}"), clock))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'term':{'name':{'valu':'a'}}}"), clock))
                .hasMessageContaining("unknown field [valu]");
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'range':{'creation':{'gte':'yesterday'}}}"), clock))
                .hasMessageContaining("takes a date");
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'term':{'invalidated':'maybe'}}"), clock))
                .hasMessageContaining("[true] or [false]");
        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse("{'terms':{'name':'a'}}"), clock))
                .hasMessageContaining("array of values");
    }

    @Test
    void deepNesting_rejected() {
        String query = "{'bool':{'must':".repeat(25) + "{'match_all':{}}" + "}}".repeat(25);

        assertThatThrownBy(() -> ApiKeyQuery.parse(Json.parse(query), clock)).hasMessageContaining("nested deeper");
    }

    @Test
    void request_sortFromSize() {
        var request = ApiKeyQueryRequest.parse(
                Json.parse("{'sort':[{'creation':{'order':'desc'}}],'from':1,'size':1}"), clock);

        var page = request.execute(List.of(alpha, beta, gamma));

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.keys()).extracting(ApiKeyDocument::id).containsExactly("b1");
        assertThat(page.sortValues().get(0)).containsExactly(beta.creation().toEpochMilli());
    }

    @Test
    void request_searchAfter_continuesAfterLastSortValue() {
        var request = ApiKeyQueryRequest.parse(Json.parse("{'sort':['name'],'search_after':['Alpha-2']}"), clock);

        var page = request.execute(List.of(alpha, beta, gamma));

        assertThat(page.keys()).extracting(ApiKeyDocument::id).containsExactly("a1", "b1");
    }

    @Test
    void request_missingSortValuesLast() {
        var request = ApiKeyQueryRequest.parse(Json.parse("{'sort':[{'expiration':'desc'}]}"), clock);

        assertThat(request.execute(List.of(alpha, beta, gamma)).keys())
                .extracting(ApiKeyDocument::id)
                .startsWith("b1");
    }

    @Test
    void request_invalidPaging_rejected() {
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'size':-1}"), clock))
                .hasMessageContaining("[size] must be >= 0");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'from':9999,'size':2}"), clock))
                .hasMessageContaining("must not exceed [10000]");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'size':'ten'}"), clock))
                .hasMessageContaining("[size] must be an integer");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'aggs':{}}"), clock))
                .hasMessageContaining("aggregations are not supported");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'sort':[{'name':'up'}]}"), clock))
                .hasMessageContaining("[asc] or [desc]");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'sort':['name'],'search_after':[]}"), clock))
                .hasMessageContaining("one value per [sort] field");
        assertThatThrownBy(() -> ApiKeyQueryRequest.parse(Json.parse("{'querry':{}}"), clock))
                .hasMessageContaining("unknown field [querry]");
    }
}
