package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossClusterAccessTest {
    @Test
    void toRoleDescriptor_searchOnly_grantsSearchPrivileges() {
        CrossClusterAccess access = CrossClusterAccess.parse(Json.parse("{'search':[{'names':['logs-*']}]}"));

        ObjectNode role = access.toRoleDescriptor();

        assertThat(role.get("cluster")).isEqualTo(Json.parse("['cross_cluster_search','monitor_enrich']"));
        assertThat(role.at("/indices/0/privileges"))
                .isEqualTo(Json.parse("['read','read_cross_cluster','view_index_metadata']"));
        assertThat(role.at("/indices/0/allow_restricted_indices").booleanValue())
                .isFalse();
    }

    @Test
    void toRoleDescriptor_replicationOnly_grantsReplicationPrivileges() {
        CrossClusterAccess access = CrossClusterAccess.parse(Json.parse("{'replication':[{'names':['archive-*']}]}"));

        ObjectNode role = access.toRoleDescriptor();

        assertThat(role.get("cluster")).isEqualTo(Json.parse("['cross_cluster_replication']"));
        assertThat(role.at("/indices/0/privileges"))
                .isEqualTo(Json.parse("['cross_cluster_replication','cross_cluster_replication_internal']"));
    }

    @Test
    void toRoleDescriptor_both_grantsAllClusterPrivileges() {
        CrossClusterAccess access = CrossClusterAccess.parse(
                Json.parse("{'search':[{'names':['logs-*']}],'replication':[{'names':['archive-*']}]}"));

        assertThat(access.toRoleDescriptor().get("cluster"))
                .isEqualTo(Json.parse("['cross_cluster_search','monitor_enrich','cross_cluster_replication']"));
        assertThat(access.toRoleDescriptor().get("indices")).hasSize(2);
    }

    @Test
    void parse_ownJsonOutput_isFixedPoint() {
        CrossClusterAccess access = CrossClusterAccess.parse(Json.parse("{'search':[{'names':['logs-*'],"
                + "'query':{'term':{'tenant':'t1'}},'field_security':{'grant':['a']}}]}"));

        CrossClusterAccess again = CrossClusterAccess.parse(access.toJson());

        assertThat(again).isEqualTo(access);
        assertThat(again.toJson()).isEqualTo(access.toJson());
    }

    @Test
    void parse_queryAsString_sameAsObject() {
        CrossClusterAccess object = CrossClusterAccess.parse(
                Json.parse("{'search':[{'names':['logs-*'],'query':{'term':{'tenant':'t1'}}}]}"));
        CrossClusterAccess string = CrossClusterAccess.parse(
                Json.parse("{'search':[{'names':['logs-*'],'query':\"{\\\"term\\\":{\\\"tenant\\\":\\\"t1\\\"}}\"}]}"));

        assertThat(string.toRoleDescriptor()).isEqualTo(object.toRoleDescriptor());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'nope':{}}", "\"{\\\"nope\\\":{}}\"", "{'bool':{'must':[{'nope':{}}]}}"})
    void parse_unknownQueryClause_rejectedNamingTheField(String query) {
        assertThatThrownBy(() ->
                        CrossClusterAccess.parse(Json.parse("{'search':[{'names':['logs-*'],'query':" + query + "}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[access.search.query] is not a valid query")
                .hasMessageContaining("unknown query [nope]");
    }

    @Test
    void parse_queryWithUnknownBoolKey_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(
                        Json.parse("{'search':[{'names':['logs-*'],'query':{'bool':{'mustt':[]}}}]}")))
                .hasMessageContaining("[access.search.query] is not a valid query");
    }

    @Test
    void parse_nullInNames_namesTheElementAndItsType() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['logs-*',null]}]}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[access.search] field [names] must be an array of strings but element [1] is [null]");
    }

    @Test
    void parse_numberInNames_namesTheElementAndItsType() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':[7,'logs-*']}]}")))
                .hasMessage("[access.search] field [names] must be an array of strings but element [0] is [a number]");
    }

    @Test
    void parse_queryStringNotObject_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['a'],'query':'nope'}]}")))
                .hasMessageContaining("[access.search.query]")
                .hasMessageContaining("nope");
    }

    @Test
    void parse_emptyAccess_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{}")))
                .hasMessageContaining("non-empty [search] or [replication]");
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[],'replication':[]}")))
                .hasMessageContaining("non-empty");
    }

    @Test
    void parse_unknownField_rejectedNamingIt() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['a'],'colour':1}]}")))
                .isInstanceOf(ApiKeyParseException.class)
                .hasMessageContaining("unknown field [colour]");
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'serch':[]}")))
                .hasMessageContaining("unknown field [serch]");
    }

    @Test
    void parse_privilegesGiven_rejected() {
        assertThatThrownBy(
                        () -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['a'],'privileges':['all']}]}")))
                .hasMessageContaining("must not set [privileges]");
    }

    @Test
    void parse_dlsOnReplication_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(
                        Json.parse("{'replication':[{'names':['a'],'query':{'match_all':{}}}]}")))
                .hasMessageContaining("does not support document or field level security");
        assertThatThrownBy(() -> CrossClusterAccess.parse(
                        Json.parse("{'replication':[{'names':['a'],'field_security':{'grant':['x']}}]}")))
                .hasMessageContaining("does not support document or field level security");
    }

    @Test
    void parse_dlsOnSearchWithReplication_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse(
                        "{'search':[{'names':['a'],'query':{'match_all':{}}}],'replication':[{'names':['b']}]}")))
                .hasMessageContaining("must not use [query] or [field_security] when [access.replication]");
    }

    @Test
    void parse_wrongTypes_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':{'names':['a']}}")))
                .hasMessageContaining("[search] must be an array");
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':[1]}]}")))
                .hasMessageContaining("[names] must be an array of strings");
        assertThatThrownBy(() -> CrossClusterAccess.parse(
                        Json.parse("{'search':[{'names':['a'],'allow_restricted_indices':'yes'}]}")))
                .hasMessageContaining("[allow_restricted_indices] must be a boolean");
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("[]"))).hasMessageContaining("expected an object");
    }

    @Test
    void parse_emptyNames_rejected() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':[]}]}")))
                .hasMessageContaining("[access.search.names] must not be empty");
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{}]}")))
                .hasMessageContaining("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*,-.security*", "-logs", "rc1:logs-*", "/logs-.*/", "logs *", "a|b", ""})
    void parse_invalidIndexName_rejectedNamingIt(String name) {
        String body = "{\"search\":[{\"names\":[\"" + name + "\"]}]}";

        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.raw(body)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[access.search.names]")
                .hasMessageContaining(name);
    }

    @Test
    void parse_commaInName_explainsExclusionsUnsupported() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['*,-.security*']}]}")))
                .hasMessageContaining("comma")
                .hasMessageContaining("not supported");
    }

    @Test
    void parse_clusterPrefix_explained() {
        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['rc1:logs-*']}]}")))
                .hasMessageContaining("must not carry a cluster prefix");
    }

    @Test
    void parse_tooLongName_rejected() {
        String name = "a".repeat(256);

        assertThatThrownBy(() -> CrossClusterAccess.parse(Json.parse("{'search':[{'names':['" + name + "']}]}")))
                .hasMessageContaining("longer than 255 bytes");
    }

    @Test
    void parse_wildcardsAndRestricted_accepted() {
        CrossClusterAccess access = CrossClusterAccess.parse(
                Json.parse("{'search':[{'names':['*'],'allow_restricted_indices':true},{'names':['logs-?']}]}"));

        assertThat(access.search()).hasSize(2);
        assertThat(access.search().get(0).allowRestrictedIndices()).isTrue();
    }
}
