package org.certbound.server.remote.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrossClusterRequestTest {

    private static final String MARKER_SECRET = "MARKERSECRETxyz0123456789";

    private static CrossClusterRequest request(byte[] body) {
        return new CrossClusterRequest(
                "req-1",
                CrossClusterActions.SEARCH,
                "remote-cluster",
                "ApiKey " + MARKER_SECRET,
                "c3ViamVjdA==",
                "eyJhbGciOiJFUzI1NiJ9..c2ln",
                body,
                new InetSocketAddress("127.0.0.1", 50000));
    }

    @Test
    void toString_withCredentials_omitsSecretSubjectAndSignature() {
        String text = request(new byte[3]).toString();

        assertThat(text).doesNotContain(MARKER_SECRET);
        assertThat(text).doesNotContain("c3ViamVjdA==");
        assertThat(text).doesNotContain("c2ln");
        assertThat(text).contains("credentials=<redacted>").contains("body=3 bytes");
    }

    @Test
    void body_mutatedAfterConstruction_isUnchanged() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        CrossClusterRequest request = request(body);

        body[0] = 'x';
        request.body()[1] = 'y';

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void equals_sameBodyContent_isEqual() {
        assertThat(request(new byte[] {1, 2})).isEqualTo(request(new byte[] {1, 2}));
        assertThat(request(new byte[] {1, 2})).isNotEqualTo(request(new byte[] {1, 3}));
    }

    @Test
    void headers_allowlist_rejectsUnknownSecurityHeaders() {
        assertThat(CrossClusterHeaders.isAllowed("X-Certbound-Cross-Cluster-Credentials"))
                .isTrue();
        assertThat(CrossClusterHeaders.isAllowed("Content-Length")).isTrue();
        assertThat(CrossClusterHeaders.isAllowed("authorization")).isFalse();
        assertThat(CrossClusterHeaders.isAllowed("es-security-runas-user")).isFalse();
    }

    @Test
    void actions_allowlist_rejectsOtherActions() {
        assertThat(CrossClusterActions.isAllowed("indices:data/read/search")).isTrue();
        assertThat(CrossClusterActions.isAllowed("cluster:internal/remote_cluster/handshake"))
                .isTrue();
        assertThat(CrossClusterActions.isAllowed("indices:data/write/index")).isFalse();
        assertThat(CrossClusterActions.isAllowed("cluster:admin/settings/update"))
                .isFalse();
        assertThat(CrossClusterHeaders.pathOf(CrossClusterActions.SEARCH))
                .isEqualTo("/_remote_cluster/indices:data/read/search");
    }
}
