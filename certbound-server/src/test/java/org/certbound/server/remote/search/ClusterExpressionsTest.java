package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterExpressionsTest {

    private static final List<String> ALIASES = List.of("rc1", "rc2", "other");

    @Test
    void split_localAndRemote_groupsByAlias() {
        ClusterExpressions.Groups groups = ClusterExpressions.split("rc1:logs-*,local-*,rc1:metrics,rc2:a", ALIASES);

        assertThat(groups.local()).containsExactly("local-*");
        assertThat(groups.remote()).isEqualTo(Map.of("rc1", List.of("logs-*", "metrics"), "rc2", List.of("a")));
        assertThat(groups.isCrossCluster()).isTrue();
    }

    @Test
    void split_onlyLocal_isNotCrossCluster() {
        ClusterExpressions.Groups groups = ClusterExpressions.split("logs-*,-logs-old", ALIASES);

        assertThat(groups.local()).containsExactly("logs-*", "-logs-old");
        assertThat(groups.isCrossCluster()).isFalse();
    }

    @Test
    void split_wildcardAlias_matchesEveryConfiguredRemote() {
        ClusterExpressions.Groups groups = ClusterExpressions.split("*:logs-*", ALIASES);

        assertThat(groups.local()).isEmpty();
        assertThat(groups.remote().keySet()).containsExactly("other", "rc1", "rc2");
    }

    @Test
    void split_prefixWildcard_matchesOnlyPrefixedAliases() {
        assertThat(ClusterExpressions.split("rc*:logs", ALIASES).remote().keySet())
                .containsExactly("rc1", "rc2");
    }

    @Test
    void split_clusterExclusion_removesCluster() {
        ClusterExpressions.Groups groups = ClusterExpressions.split("*:logs-*,-rc2:*", ALIASES);

        assertThat(groups.remote().keySet()).containsExactly("other", "rc1");
    }

    @Test
    void split_exclusionWithIndexPart_isRejected() {
        assertThatThrownBy(() -> ClusterExpressions.split("*:logs-*,-rc2:logs", ALIASES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end in [:*]");
    }

    @Test
    void split_unknownLiteralAlias_isRejectedNamingIt() {
        assertThatThrownBy(() -> ClusterExpressions.split("rc9:logs", ALIASES))
                .isInstanceOf(NoSuchRemoteClusterException.class)
                .hasMessageStartingWith("no such remote cluster: [rc9]")
                .hasMessageContaining("cluster.remote.rc9.mode");
    }

    @Test
    void split_aliasCaseDiffers_isUnknown() {
        assertThatThrownBy(() -> ClusterExpressions.split("RC1:logs", ALIASES))
                .isInstanceOf(NoSuchRemoteClusterException.class);
    }

    @Test
    void split_emptyIndexPart_isRejected() {
        assertThatThrownBy(() -> ClusterExpressions.split("rc1:", ALIASES)).hasMessageContaining("non-empty");
        assertThatThrownBy(() -> ClusterExpressions.split(":logs", ALIASES)).hasMessageContaining("non-empty");
    }

    @Test
    void split_wildcardMatchingNothing_yieldsNoRemote() {
        assertThat(ClusterExpressions.split("zz*:logs", ALIASES).remote()).isEmpty();
    }
}
