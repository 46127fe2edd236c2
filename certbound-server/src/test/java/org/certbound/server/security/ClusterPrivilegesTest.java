package org.certbound.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterPrivilegesTest {

    @ParameterizedTest(name = "{0} implies {1}: {2}")
    @CsvSource({
        "all, manage_security, true",
        "all, monitor, true",
        "manage, monitor, true",
        "manage, monitor_ml, true",
        "manage, manage_security, false",
        "manage, manage_api_key, false",
        "manage, manage_own_api_key, false",
        "manage_security, manage_api_key, true",
        "manage_security, manage_own_api_key, true",
        "manage_security, read_security, true",
        "manage_security, monitor, false",
        "manage_api_key, manage_own_api_key, true",
        "manage_own_api_key, manage_api_key, false",
        "monitor, manage, false",
        "monitor, monitor, true",
        "read_security, manage_own_api_key, false"
    })
    void implies_followsElasticsearchHierarchy(String granted, String required, boolean expected) {
        assertThat(ClusterPrivileges.implies(List.of(granted), required)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} is granted by {1}")
    @CsvSource(
            delimiter = ';',
            value = {"monitor; all,manage,monitor", "manage_security; all,manage_security"})
    void grantedBy_listsImplyingPrivileges(String required, String expected) {
        assertThat(ClusterPrivileges.grantedBy(required)).containsExactly(expected.split(","));
    }
}
