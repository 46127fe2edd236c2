package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code xpack.security.enabled} on real node processes: only {@code true} lets the node start. */
class SecurityDisabledIT {

    // Base64 of "id:secret" pairs; the values only have to be valid cross-cluster API key encodings.
    private static final String RC1_CREDENTIALS = "cmMxLWlkOnJjMS1zZWNyZXQ=";
    private static final String RC2_CREDENTIALS = "cmMyLWlkOnJjMi1zZWNyZXQ=";

    @TempDir
    Path tempDir;

    @Test
    void securityDisabled_withCredentials_stopsStartupListingKeys() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("xpack.security.enabled", "false")
                .setting("cluster.remote.rc1.seeds", "127.0.0.1:9443")
                .keystoreString("cluster.remote.rc1.credentials", RC1_CREDENTIALS)
                .keystoreString("cluster.remote.rc2.credentials", RC2_CREDENTIALS)
                .keystoreString("bootstrap.password", "bootstrap-secret")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status [78]")
                .hasMessageContaining("[xpack.security.enabled] is [false]")
                .hasMessageContaining("certbound does not run without security")
                .hasMessageContaining("[cluster.remote.rc1.credentials, cluster.remote.rc2.credentials]")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bootstrap.password"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(RC1_CREDENTIALS));
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void securityDisabled_withoutKeystore_stopsStartup() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("xpack.security.enabled", "false")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status [78]")
                .hasMessageContaining("certbound does not run without security")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("The keystore contains"));
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void securityEnabled_true_startsNode() throws Exception {
        try (NodeProcess node = NodeProcess.builder(tempDir)
                .setting("xpack.security.enabled", "true")
                .build()
                .start()) {
            assertThat(node.isRunning()).isTrue();
            assertThat(node.client().security().authenticate().username()).isEqualTo(NodeProcess.ADMIN_USER);
        }
    }

    @Test
    void securityEnabled_notBoolean_stopsStartupNamingValue() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("xpack.security.enabled", "off")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with status [78]")
                .hasMessageContaining("invalid value [off] for setting [xpack.security.enabled]");
    }
}
