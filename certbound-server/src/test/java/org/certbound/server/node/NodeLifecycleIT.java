package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.cluster.GetClusterSettingsResponse;
import co.elastic.clients.json.JsonData;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts, crashes, shutdown, bad configuration and hostile input against a real node process. */
class NodeLifecycleIT {

    @TempDir
    Path tempDir;

    @Test
    void restart_keepsPersistentAndDropsTransient() throws Exception {
        try (NodeProcess node = NodeProcess.builder(tempDir).build().start()) {
            ElasticsearchClient client = node.client();
            client.cluster()
                    .putSettings(r -> r.persistent("logger.level", JsonData.of("warn"))
                            .transient_("logger.level", JsonData.of("debug")));
            String uuid = client.info().clusterUuid();
            client._transport().close();

            node.restart();

            ElasticsearchClient restarted = node.client();
            GetClusterSettingsResponse settings = restarted.cluster().getSettings(r -> r.flatSettings(true));
            assertThat(settings.persistent().get("logger.level").to(String.class))
                    .isEqualTo("warn");
            assertThat(settings.transient_()).isEmpty();
            assertThat(restarted.info().clusterUuid()).isEqualTo(uuid);
            restarted._transport().close();
        }
    }

    @Test
    void killNine_keepsAcknowledgedSettings() throws Exception {
        try (NodeProcess node = NodeProcess.builder(tempDir).build().start()) {
            ElasticsearchClient client = node.client();
            var put = client.cluster().putSettings(r -> r.persistent("logger.level", JsonData.of("error")));
            assertThat(put.acknowledged()).isTrue();
            client._transport().close();

            node.kill();
            node.start();

            ElasticsearchClient restarted = node.client();
            GetClusterSettingsResponse settings = restarted.cluster().getSettings(r -> r.flatSettings(true));
            assertThat(settings.persistent().get("logger.level").to(String.class))
                    .isEqualTo("error");
            restarted._transport().close();
        }
    }

    @Test
    void sigterm_stopsCleanly() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir).build().start();

        int status = node.stop();

        // The JVM reports 143 (128 + SIGTERM) once the shutdown hook has closed the node.
        assertThat(status).isIn(0, 143);
        assertThat(node.output()).contains("stopped node [node-1]");
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void unknownSetting_stopsStartupNamingClosestKey() throws Exception {
        NodeProcess node =
                NodeProcess.builder(tempDir).setting("http.prot", "9200").build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status [78]")
                .hasMessageContaining("unknown setting [http.prot]")
                .hasMessageContaining("did you mean [http.port]");
    }

    @Test
    void invalidValue_stopsStartupNamingKeyAndValue() throws Exception {
        NodeProcess node =
                NodeProcess.builder(tempDir).setting("http.port", "ninety").build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("invalid value [ninety] for setting [http.port]")
                .hasMessageContaining("an integer between [0] and [65535]");
    }

    @Test
    void remoteClusterServerWithoutCertificate_stopsWithMessageOnly() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("remote_cluster_server.enabled", "true")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status [78]")
                .hasMessageContaining("[xpack.security.remote_cluster_server.ssl.keystore.path] or both")
                .hasMessageContaining("must be set when [remote_cluster_server.enabled] is true");
        assertThat(node.output()).doesNotContain("\tat org.certbound").doesNotContain("Exception:");
    }

    @Test
    void remoteAliasNamedSigning_stopsStartupSayingWhy() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("cluster.remote.signing.mode", "proxy")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("status [78]")
                .hasMessageContaining("[signing] cannot be the <name>");
    }

    @Test
    void secureSettingInConfigFile_stopsStartupWithoutValue() throws Exception {
        NodeProcess node = NodeProcess.builder(tempDir)
                .setting("bootstrap.password", "leaked-secret")
                .build();

        assertThatThrownBy(node::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[bootstrap.password] is a secure setting")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("leaked-secret"));
    }

    @Test
    void garbageInput_isAnsweredOrClosedAndNodeStaysUp() throws Exception {
        try (NodeProcess node = NodeProcess.builder(tempDir).build().start()) {
            Random random = new Random(42);
            for (int round = 0; round < 20; round++) {
                byte[] garbage = new byte[1 + random.nextInt(4096)];
                random.nextBytes(garbage);
                String reply = sendRaw(node.httpPort(), garbage);
                assertThat(reply).doesNotContain(" 500 ");
            }
            String badLine = sendRaw(
                    node.httpPort(), "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(badLine).startsWith("HTTP/1.1 400");

            HttpResponse<String> health = adminGet(node, "/_cluster/health");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void oversizedBody_is413() throws Exception {
        try (NodeProcess node = NodeProcess.builder(tempDir)
                .setting("http.max_content_length", "1kb")
                .build()
                .start()) {
            HttpRequest request = HttpRequest.newBuilder(node.httpUri().resolve("/_cluster/settings"))
                    .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"persistent\":{\"x\":\"" + "a".repeat(4096) + "\"}}"))
                    .build();

            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("http.max_content_length");
            assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        }
    }

    private static HttpResponse<String> adminGet(NodeProcess node, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.httpUri().resolve(path))
                .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD))
                .GET()
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends raw bytes and returns what the node answers before it closes the connection or goes quiet. */
    private static String sendRaw(int port, byte[] bytes) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.shutdownOutput();
            } catch (java.io.IOException e) {
                return "";
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    reply.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // A node that keeps the connection open without answering is acceptable here; hanging forever is not.
            }
            return reply.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
