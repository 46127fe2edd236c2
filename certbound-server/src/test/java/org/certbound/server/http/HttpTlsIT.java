package org.certbound.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.certbound.identity.testing.KeyFormat;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A node with TLS on its HTTP port and a password-protected keystore. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpTlsIT {
    private static final String KEYSTORE_PASSWORD = "keystore-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private NodeProcess node;
    private TestCertificate ca;
    private TestCertificate otherCa;

    @BeforeAll
    void startNode() throws Exception {
        ca = TestCertificates.builder("CN=HTTP Test CA,O=Example")
                .keyType(KeyType.EC_P256)
                .ca()
                .build();
        otherCa = TestCertificates.builder("CN=Other CA,O=Example")
                .keyType(KeyType.EC_P256)
                .ca()
                .build();
        TestCertificate server = ca.issue("CN=localhost,O=Example")
                .keyType(KeyType.EC_P256)
                .dnsNames("localhost")
                .build();
        Path files = Files.createDirectories(tempDir.resolve("files"));
        Path certificate = TestFiles.writeCertificates(files.resolve("http.crt"), server.chain());
        Path key = TestFiles.writeKey(files.resolve("http.key"), server.privateKey(), KeyFormat.PKCS8, null);

        node = NodeProcess.builder(tempDir.resolve("node"))
                .setting("xpack.security.http.ssl.enabled", "true")
                .setting("xpack.security.http.ssl.certificate", "http.crt")
                .setting("xpack.security.http.ssl.key", "http.key")
                .configFile("http.crt", Files.readAllBytes(certificate))
                .configFile("http.key", Files.readAllBytes(key))
                .keystoreString("bootstrap.password", "first-bootstrap")
                .keystorePassword(KEYSTORE_PASSWORD)
                .build()
                .start();
    }

    @AfterAll
    void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void https_trustedCa_servesWithProductHeader() throws Exception {
        HttpResponse<String> response = send(client(ca), "GET", "/", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Elastic-Product")).hasValue("Elasticsearch");
        assertThat(JSON.readTree(response.body()).path("tagline").asText()).isNotEmpty();
    }

    @Test
    void https_untrustedCa_handshakeFails() {
        assertThatThrownBy(() -> send(client(otherCa), "GET", "/", null)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttp_tlsPort_fails() {
        HttpClient plain =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD))
                .build();

        assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void reloadSecureSettings_protectedKeystore_needsItsPassword() throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.load(node.configDir(), KEYSTORE_PASSWORD.toCharArray())) {
            keystore.setString("bootstrap.password", "second-bootstrap".toCharArray());
            keystore.save(node.configDir(), KEYSTORE_PASSWORD.toCharArray());
        }
        HttpClient https = client(ca);

        JsonNode withoutPassword = nodeResult(send(https, "POST", "/_nodes/reload_secure_settings", "{}"));
        JsonNode wrongPassword = nodeResult(send(
                https, "POST", "/_nodes/reload_secure_settings", "{\"secure_settings_password\":\"wrong-password\"}"));
        int oldPasswordBeforeReload = send(https, "GET", "/_security/_authenticate", null, "elastic", "first-bootstrap")
                .statusCode();
        JsonNode rightPassword = nodeResult(send(
                https,
                "POST",
                "/_nodes/reload_secure_settings",
                "{\"secure_settings_password\":\"" + KEYSTORE_PASSWORD + "\"}"));

        assertThat(withoutPassword.has("reload_exception"))
                .as(withoutPassword.toString())
                .isTrue();
        assertThat(wrongPassword.has("reload_exception"))
                .as(wrongPassword.toString())
                .isTrue();
        assertThat(wrongPassword.toString()).doesNotContain("wrong-password");
        assertThat(oldPasswordBeforeReload).isEqualTo(200);
        assertThat(rightPassword.has("reload_exception"))
                .as(rightPassword.toString())
                .isFalse();
        assertThat(send(https, "GET", "/_security/_authenticate", null, "elastic", "second-bootstrap")
                        .statusCode())
                .isEqualTo(200);
        assertThat(node.output()).doesNotContain(KEYSTORE_PASSWORD).doesNotContain("second-bootstrap");
    }

    private static JsonNode nodeResult(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode nodes = JSON.readTree(response.body()).path("nodes");
        assertThat(nodes.size()).isEqualTo(1);
        return nodes.elements().next();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String body)
            throws IOException, InterruptedException {
        return send(client, method, path, body, NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD);
    }

    private HttpResponse<String> send(
            HttpClient client, String method, String path, String body, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + node.httpPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", NodeProcess.basicAuth(user, password))
                .header("Content-Type", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(TestCertificate trusted) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", trusted.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(context)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
