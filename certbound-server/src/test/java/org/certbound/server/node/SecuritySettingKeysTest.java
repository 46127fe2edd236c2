package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecuritySettingKeysTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "xpack.security.audit.enabled",
                "xpack.security.audit.logfile.events.include",
                "xpack.security",
                "cluster.remote.signing.certificate_authorities",
                "cluster.remote.signing.truststore.path",
                "cluster.remote.signing.max_signature_age",
                "cluster.remote.signing.nonce_cache.max_entries",
                "cluster.remote.rc1.signing.certificate",
                "cluster.remote.rc1.signing.key",
                "cluster.remote.rc1.signing.keystore.path",
            })
    void isSecurity_securityKey_true(String key) {
        assertThat(SecuritySettingKeys.isSecurity(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cluster.remote.rc1.seeds",
                "cluster.remote.rc1.skip_unavailable",
                "cluster.remote.rc1.mode",
                "cluster.remote.initial_connect_timeout",
                "xpack.securityx.enabled",
                "indices.recovery.max_bytes_per_sec",
                "cluster.remote.rc1.seeds.signing",
            })
    void isSecurity_otherKey_false(String key) {
        assertThat(SecuritySettingKeys.isSecurity(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "*",
                "x*",
                "xpack.*",
                "xpack.security.*",
                "xpack.security.audit.*",
                "cluster.*",
                "cluster.remote.*",
                "cluster.remote.s*",
                "cluster.remote.signing.*",
                "cluster.remote.rc*",
                "cluster.remote.rc1.*",
                "cluster.remote.rc1.sign*",
                "cluster.remote.rc1.signing.key*",
            })
    void isSecurity_wildcardThatReachesSecurityKeys_true(String key) {
        assertThat(SecuritySettingKeys.isSecurity(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"indices.*", "cluster.routing.*", "cluster.remote.rc1.seeds*", "cluster.remote.rc1.skip*"})
    void isSecurity_wildcardOutsideSecurityKeys_false(String key) {
        assertThat(SecuritySettingKeys.isSecurity(key)).isFalse();
    }

    @Test
    void filter_mixedKeys_keepsSecurityKeysInOrder() {
        List<String> security = SecuritySettingKeys.filter(List.of(
                "cluster.remote.rc1.seeds",
                "xpack.security.audit.enabled",
                "cluster.remote.rc1.skip_unavailable",
                "cluster.remote.signing.certificate_authorities"));

        assertThat(security)
                .containsExactly("xpack.security.audit.enabled", "cluster.remote.signing.certificate_authorities");
    }
}
