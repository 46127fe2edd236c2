package org.certbound.server.index.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndexPermissionsTest {
    private static IndexPermissions role(String indices) {
        return IndexPermissions.parse(json(indices));
    }

    @ParameterizedTest
    @CsvSource({
        "read, SEARCH, true",
        "read, GET, true",
        "read, INDEX, false",
        "read, GET_INDEX, false",
        "write, INDEX, true",
        "write, BULK, true",
        "write, DELETE, true",
        "write, UPDATE, true",
        "write, AUTO_CREATE, true",
        "write, SEARCH, false",
        "write, CREATE_INDEX, false",
        "create_index, CREATE_INDEX, true",
        "create_index, AUTO_CREATE, true",
        "create_index, INDEX, false",
        "view_index_metadata, GET_INDEX, true",
        "view_index_metadata, SEARCH, false",
        "view_index_metadata, DELETE_INDEX, false",
        "manage, DELETE_INDEX, true",
        "manage, REFRESH, true",
        "manage, STATS, true",
        "manage, SEARCH, false",
        "all, SEARCH, true",
        "all, DELETE_INDEX, true",
        "all, INDEX, true"
    })
    void check_privilegeGrantsAction(String privilege, IndexAction action, boolean allowed) {
        IndexPermissions permissions = role("[{'names':['logs'],'privileges':['" + privilege + "']}]");

        assertThat(permissions.check(action, "logs")).isEqualTo(allowed);
        assertThat(permissions.check(action, "other")).isFalse();
    }

    @Test
    void check_prefixPatternMatchesOnlyThatPrefix() {
        IndexPermissions permissions = role("[{'names':['logs-*'],'privileges':['read']}]");

        assertThat(permissions.check(IndexAction.SEARCH, "logs-2026.01")).isTrue();
        assertThat(permissions.check(IndexAction.SEARCH, "app-logs-1")).isFalse();
        assertThat(permissions.check(IndexAction.SEARCH, "logs")).isFalse();
    }

    @Test
    void check_starExcludesRestrictedIndicesUnlessAllowed() {
        IndexPermissions plain = role("[{'names':['*'],'privileges':['read']}]");
        IndexPermissions named = role("[{'names':['.security-7'],'privileges':['read']}]");
        IndexPermissions allowed = role("[{'names':['*'],'privileges':['read'],'allow_restricted_indices':true}]");

        assertThat(plain.check(IndexAction.SEARCH, "metrics-1")).isTrue();
        assertThat(plain.check(IndexAction.SEARCH, ".kibana")).isTrue();
        assertThat(plain.check(IndexAction.SEARCH, ".security-7")).isFalse();
        assertThat(named.check(IndexAction.SEARCH, ".security-7")).isFalse();
        assertThat(allowed.check(IndexAction.SEARCH, ".security-7")).isTrue();
    }

    @Test
    void check_regexPatternIsAnchored() {
        IndexPermissions permissions = role("[{'names':['/logs-.*/'],'privileges':['read']}]");

        assertThat(permissions.check(IndexAction.SEARCH, "logs-1")).isTrue();
        assertThat(permissions.check(IndexAction.SEARCH, "app-logs-1")).isFalse();
    }

    @Test
    void check_anyEntryGrants() {
        IndexPermissions permissions = role(
                "[{'names':['logs'],'privileges':['read']}," + "{'names':['logs','metrics'],'privileges':['write']}]");

        assertThat(permissions.check(IndexAction.SEARCH, "logs")).isTrue();
        assertThat(permissions.check(IndexAction.INDEX, "logs")).isTrue();
        assertThat(permissions.check(IndexAction.SEARCH, "metrics")).isFalse();
        assertThat(permissions.allowedIndices(IndexAction.INDEX, List.of("logs", "metrics", "x")))
                .containsExactly("logs", "metrics");
    }

    @Test
    void parse_rejectsInvalidEntries() {
        assertThatThrownBy(() -> role("[{'names':['*,-.security*'],'privileges':['read']}]"))
                .hasMessageContaining("[,]");
        assertThatThrownBy(() -> role("[{'names':['-logs'],'privileges':['read']}]"))
                .hasMessageContaining("[-]");
        assertThatThrownBy(() -> role("[{'names':['rc1:logs-*'],'privileges':['read']}]"))
                .hasMessageContaining("cluster prefix");
        assertThatThrownBy(() -> role("[{'names':[],'privileges':['read']}]")).hasMessage("[names] must not be empty");
        assertThatThrownBy(() -> role("[{'names':['logs'],'privileges':['superuser']}]"))
                .hasMessageContaining("unknown index privilege [superuser]");
        assertThatThrownBy(() -> role("[{'names':['logs'],'privileges':['read'],'extra':1}]"))
                .hasMessageContaining("[extra]");
        assertThatThrownBy(() -> role("[{'names':['/logs-(/'],'privileges':['read']}]"))
                .hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> role("[{'names':['logs'],'privileges':['read'],'query':'not json'}]"))
                .hasMessageContaining("[query]");
    }

    @Test
    void forIndex_queryStringEqualsObject() {
        IndexPermissions object = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'tenant':'t1'}}}]");
        IndexPermissions string =
                role("[{'names':['logs'],'privileges':['read'],'query':'{\"term\":{\"tenant\":\"t1\"}}'}]");

        assertThat(object.forIndex("logs")).isEqualTo(string.forIndex("logs"));
        assertThat(object.forIndex("logs").documentQueries()).containsExactly(json("{'term':{'tenant':'t1'}}"));
    }

    @Test
    void forIndex_combinesReadEntries() {
        IndexPermissions permissions = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'a':1}},"
                + "'field_security':{'grant':['a','b']}},"
                + "{'names':['log*'],'privileges':['read'],'query':{'term':{'a':2}},'field_security':{'grant':['c']}},"
                + "{'names':['logs'],'privileges':['write'],'query':{'term':{'a':3}}}]");

        IndexAccess access = permissions.forIndex("logs");

        assertThat(access.documentQueries())
                .containsExactly(json("{'bool':{'should':[{'term':{'a':1}},{'term':{'a':2}}]}}"));
        assertThat(access.fieldSecurity().isVisible("a")).isTrue();
        assertThat(access.fieldSecurity().isVisible("c")).isTrue();
        assertThat(access.fieldSecurity().isVisible("d")).isFalse();
    }

    @Test
    void forIndex_entryWithoutQueryLiftsDocumentSecurity() {
        IndexPermissions permissions = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'a':1}}},"
                + "{'names':['logs'],'privileges':['read']}]");

        IndexAccess access = permissions.forIndex("logs");

        assertThat(access.documentQueries()).isEmpty();
        assertThat(access.isRestricted()).isFalse();
    }

    @Test
    void forIndex_withoutReadMatchesNothing() {
        IndexAccess access = role("[{'names':['logs'],'privileges':['write']}]").forIndex("logs");

        assertThat(access.documentQueries()).containsExactly(json("{'match_none':{}}"));
        assertThat(access.fieldSecurity().isVisible("a")).isFalse();
    }

    @Test
    void intersect_requiresBothAccesses() {
        IndexAccess key = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'a':1}},"
                        + "'field_security':{'grant':['a','b']}}]")
                .forIndex("logs");
        IndexAccess owner = role("[{'names':['logs'],'privileges':['read'],'query':{'term':{'b':2}},"
                        + "'field_security':{'grant':['b','c']}}]")
                .forIndex("logs");

        IndexAccess both = key.intersect(owner);

        assertThat(both.documentQueries()).containsExactly(json("{'term':{'a':1}}"), json("{'term':{'b':2}}"));
        assertThat(both.fieldSecurity().isVisible("b")).isTrue();
        assertThat(both.fieldSecurity().isVisible("a")).isFalse();
        assertThat(both.fieldSecurity().isVisible("c")).isFalse();
    }
}
