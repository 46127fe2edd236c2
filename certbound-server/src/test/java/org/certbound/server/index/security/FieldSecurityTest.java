package org.certbound.server.index.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSecurityTest {
    @Test
    void isVisible_grantAndExceptPatterns() {
        FieldSecurity security = FieldSecurity.of(List.of("client.*", "status"), List.of("client.secret"));

        assertThat(security.isVisible("status")).isTrue();
        assertThat(security.isVisible("client.ip")).isTrue();
        assertThat(security.isVisible("client.secret")).isFalse();
        assertThat(security.isVisible("client")).isFalse();
        assertThat(security.isVisible("bytes")).isFalse();
        assertThat(security.isUnrestricted()).isFalse();
    }

    @Test
    void filterSource_removesHiddenFieldsAndEmptyObjects() {
        FieldSecurity security = FieldSecurity.of(List.of("client.ip", "tags", "user.*"), List.of("user.password"));

        assertThat(security.filterSource(json("{'client':{'ip':'1','port':2},'bytes':3,'tags':['a','b'],"
                        + "'user':{'password':'p'},'other':{'x':1},'list':[{'x':1}]}")))
                .isEqualTo(json("{'client':{'ip':'1'},'tags':['a','b']}"));
    }

    @Test
    void parse_nullAndEmptyGrant() {
        assertThat(FieldSecurity.parse(null).isUnrestricted()).isTrue();
        assertThat(FieldSecurity.parse(json("{'grant':['*']}")).isUnrestricted())
                .isTrue();
        assertThat(FieldSecurity.parse(json("{'grant':['*'],'except':['a']}")).isUnrestricted())
                .isFalse();
        assertThatThrownBy(() -> FieldSecurity.parse(json("{'grant':[]}")))
                .hasMessageContaining("[field_security.grant]");
        assertThatThrownBy(() -> FieldSecurity.parse(json("{'grant':'a'}"))).hasMessageContaining("array");
    }

    @Test
    void unionAndIntersect() {
        FieldSecurity a = FieldSecurity.of(List.of("a", "b"), List.of());
        FieldSecurity b = FieldSecurity.of(List.of("b", "c"), List.of());

        assertThat(a.union(b).isVisible("a")).isTrue();
        assertThat(a.union(b).isVisible("c")).isTrue();
        assertThat(a.intersect(b).isVisible("a")).isFalse();
        assertThat(a.intersect(b).isVisible("b")).isTrue();
        assertThat(a.union(FieldSecurity.UNRESTRICTED).isUnrestricted()).isTrue();
        assertThat(a.intersect(FieldSecurity.UNRESTRICTED)).isEqualTo(a);
        assertThat(a.intersect(b)
                        .union(FieldSecurity.of(List.of("d"), List.of()))
                        .isVisible("d"))
                .isTrue();
    }
}
