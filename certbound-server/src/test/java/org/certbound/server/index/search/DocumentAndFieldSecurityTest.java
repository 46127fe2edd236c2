package org.certbound.server.index.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.certbound.server.index.security.IndexAccessControl;
import org.certbound.server.index.security.IndexPermissions;
import org.junit.jupiter.api.Test;

class DocumentAndFieldSecurityTest extends SearchFixture {
    private static IndexAccessControl role(String indices) {
        return IndexPermissions.parse(json(indices));
    }

    @Test
    void documentSecurity_filtersHitsCountsAndAggregations() {
        IndexAccessControl tenant1 =
                role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'tenant':'t1'}}}]");

        JsonNode response =
                search("{'aggs':{'b':{'sum':{'field':'bytes'}},'t':{'terms':{'field':'tenant'}}}}", tenant1);
        JsonNode count = search.count("logs", null, SearchParameters.NONE, tenant1);

        assertThat(hitIds(response)).containsExactlyInAnyOrder("1", "2");
        assertThat(response.at("/hits/total/value").asLong()).isEqualTo(2);
        assertThat(response.at("/aggregations/b/value").asDouble()).isEqualTo(350.0);
        assertThat(response.at("/aggregations/t/buckets")).hasSize(1);
        assertThat(count.get("count").asLong()).isEqualTo(2);
    }

    @Test
    void documentSecurity_combinesWithTheUserQuery() {
        IndexAccessControl tenant1 =
                role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'tenant':'t1'}}}]");

        assertThat(hitIds(search("{'query':{'term':{'method':'GET'}}}", tenant1)))
                .containsExactly("1");
        assertThat(hitIds(search("{'query':{'ids':{'values':['3']}}}", tenant1)))
                .isEmpty();
    }

    @Test
    void documentSecurity_usesHiddenFields() {
        IndexAccessControl access = role("[{'names':['logs'],'privileges':['read'],"
                + "'query':{'term':{'tenant':'t2'}},'field_security':{'grant':['status']}}]");

        JsonNode response = search("{}", access);

        assertThat(hitIds(response)).containsExactlyInAnyOrder("3", "4");
        assertThat(response.at("/hits/hits/0/_source").fieldNames())
                .toIterable()
                .containsExactly("status");
    }

    @Test
    void fieldSecurity_hidesFieldsEverywhere() {
        IndexAccessControl access = role("[{'names':['logs'],'privileges':['read'],"
                + "'field_security':{'grant':['*'],'except':['tenant','client.*']}}]");

        JsonNode all = search("{'query':{'ids':{'values':['1']}}}", access);
        JsonNode byTenant = search("{'query':{'term':{'tenant':'t1'}}}", access);
        JsonNode exists = search("{'query':{'exists':{'field':'client'}}}", access);
        JsonNode aggs =
                search("{'aggs':{'t':{'terms':{'field':'tenant'}},'c':{'cardinality':{'field':'client.ip'}}}}", access);
        JsonNode queryString = search("{}", Map.of("q", "t1"));

        assertThat(all.at("/hits/hits/0/_source").has("tenant")).isFalse();
        assertThat(all.at("/hits/hits/0/_source/client")).isEqualTo(json("{}"));
        assertThat(all.at("/hits/hits/0/_source/path").asText()).isEqualTo("/");
        assertThat(hitIds(byTenant)).isEmpty();
        assertThat(hitIds(exists)).isEmpty();
        assertThat(aggs.at("/aggregations/t/buckets")).isEmpty();
        assertThat(aggs.at("/aggregations/c/value").asLong()).isEqualTo(0);
        assertThat(hitIds(queryString)).containsExactlyInAnyOrder("1", "2");
        assertThat(hitIds(search.search("logs", null, SearchParameters.of(Map.of("q", "t1")), access)))
                .isEmpty();
    }

    @Test
    void noReadPrivilege_seesNothing() {
        IndexAccessControl writer = role("[{'names':['logs'],'privileges':['write']}]");

        assertThat(search("{}", writer).at("/hits/total/value").asLong()).isEqualTo(0);
    }

    @Test
    void perIndexAccess_appliesPerIndex() {
        indices.index(
                "metrics",
                "m1",
                json("{'tenant':'t9'}"),
                org.certbound.server.index.OpType.INDEX,
                org.certbound.server.index.Refresh.TRUE);
        IndexAccessControl access = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'tenant':'t3'}}},"
                + "{'names':['metrics'],'privileges':['read']}]");

        JsonNode response = search.search("logs,metrics", null, SearchParameters.NONE, access);

        assertThat(hitIds(response)).containsExactlyInAnyOrder("5", "m1");
    }
}
