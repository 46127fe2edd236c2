package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.certbound.server.testing.NodeProcess;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creation and update validation of cross-cluster API keys against a real node, through the low-level client so
 * that each request body is sent byte for byte: absent, {@code null} and string {@code certificate_identity},
 * escaping, and the error shape of rejected input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossClusterApiKeyRestIT {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The pattern as Java text. Its JSON form below doubles every backslash. */
    private static final String IDENTITY = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    private static final String IDENTITY_JSON = "CN=node-1\\\\.example\\\\.com,OU=Search,O=Example";
    private static final String OTHER_IDENTITY_JSON = "CN=node-2\\\\.example\\\\.com,OU=Search,O=Example";

    @TempDir
    static Path tempDir;

    private NodeProcess node;
    private Rest5Client client;

    @BeforeAll
    void startNode() throws Exception {
        node = NodeProcess.builder(tempDir).build().start();
        Header admin = new BasicHeader(
                "Authorization", NodeProcess.basicAuth(NodeProcess.ADMIN_USER, NodeProcess.ADMIN_PASSWORD));
        client = Rest5Client.builder(new HttpHost("http", "127.0.0.1", node.httpPort()))
                .setDefaultHeaders(new Header[] {admin})
                .build();
    }

    @AfterAll
    void stopNode() throws Exception {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    /** A response's status, raw body and parsed body. */
    private record Reply(int status, String raw, JsonNode json, Response response) {}

    private Reply send(String method, String path, @Nullable String body) throws IOException {
        Request request = new Request(method, path);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        }
        Response response;
        try {
            response = client.performRequest(request);
        } catch (ResponseException e) {
            response = e.getResponse();
        }
        String raw;
        try {
            raw = response.getEntity() == null
                    ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        } catch (ParseException e) {
            throw new IOException(e);
        }
        JsonNode json = raw.isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(raw);
        return new Reply(response.getStatusCode(), raw, json, response);
    }

    private Reply create(String body) throws IOException {
        return send("POST", "/_security/cross_cluster/api_key", body);
    }

    private Reply update(String id, @Nullable String body) throws IOException {
        return send("PUT", "/_security/cross_cluster/api_key/" + id, body);
    }

    private String createKey(String name, String identityJson) throws IOException {
        Reply reply = create("{\"name\":\"" + name + "\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"" + identityJson + "\"}");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.json().get("id").textValue();
    }

    private Reply get(String id) throws IOException {
        Reply reply = send("GET", "/_security/api_key?id=" + id, null);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply;
    }

    private JsonNode getKey(String id) throws IOException {
        JsonNode keys = get(id).json().get("api_keys");
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    private int countByName(String name) throws IOException {
        Reply reply = send("POST", "/_security/_query/api_key", "{\"query\":{\"term\":{\"name\":\"" + name + "\"}}}");
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply.json().get("total").intValue();
    }

    /** Checks Elasticsearch's error shape: status, type and reason, repeated as the first root cause. */
    private static void assertError(Reply reply, int status, String type, String... reasonParts) {
        assertThat(reply.status()).as(reply.raw()).isEqualTo(status);
        assertThat(reply.json().path("status").intValue()).isEqualTo(status);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("type").textValue()).as(reply.raw()).isEqualTo(type);
        assertThat(error.path("root_cause").path(0).path("type").textValue()).isEqualTo(type);
        assertThat(error.path("root_cause").path(0).path("reason").textValue())
                .isEqualTo(error.path("reason").textValue());
        for (String part : reasonParts) {
            assertThat(error.path("reason").textValue()).as(reply.raw()).contains(part);
        }
    }

    @Test
    void create_unbalancedParenthesis_namesFieldAndPattern() throws IOException {
        Reply reply = create("{\"name\":\"create-paren\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"CN=node-1,O=(Example\"}");

        assertError(reply, 400, "illegal_argument_exception", "[certificate_identity]", "CN=node-1,O=(Example");
        assertThat(countByName("create-paren")).isZero();
    }

    @Test
    void create_illegalJsonEscape_rejected() throws IOException {
        Reply reply = create("{\"name\":\"create-escape\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"CN=node-1\\.example\\.com\"}");

        assertError(reply, 400, "x_content_parse_exception", "[1:");
        assertThat(countByName("create-escape")).isZero();
    }

    @Test
    void create_emptyOrBlankIdentity_rejected() throws IOException {
        for (String identity : new String[] {"", "   "}) {
            Reply reply = create("{\"name\":\"create-blank\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                    + "\"certificate_identity\":\"" + identity + "\"}");

            assertError(reply, 400, "illegal_argument_exception", "[certificate_identity]", "empty or blank");
        }
        assertThat(countByName("create-blank")).isZero();
    }

    @Test
    void create_64KiBIdentity_namesMaximumLength() throws IOException {
        String pattern = "CN=" + "a".repeat(64 * 1024);

        Reply reply = create("{\"name\":\"create-long\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"" + pattern + "\"}");

        assertError(
                reply,
                400,
                "illegal_argument_exception",
                "[certificate_identity]",
                "the maximum is " + CertificateIdentities.MAX_LENGTH);
        assertThat(reply.raw()).doesNotContain("a".repeat(CertificateIdentities.MAX_LENGTH));
        assertThat(countByName("create-long")).isZero();
    }

    @Test
    void createRestKey_identity_rejected() throws IOException {
        Reply reply = send(
                "POST",
                "/_security/api_key",
                "{\"name\":\"create-rest\",\"certificate_identity\":\"" + IDENTITY_JSON + "\"}");

        assertError(
                reply,
                400,
                "illegal_argument_exception",
                "[certificate_identity]",
                "only valid for cross-cluster API keys");
        assertThat(countByName("create-rest")).isZero();
    }

    @Test
    void create_escapedIdentity_returnedExactly() throws IOException {
        String id = createKey("create-exact", IDENTITY_JSON);

        Reply reply = get(id);

        assertThat(reply.json().at("/api_keys/0/certificate_identity").textValue())
                .isEqualTo(IDENTITY);
        assertThat(reply.raw()).contains("\"certificate_identity\":\"" + IDENTITY_JSON + "\"");
    }

    @Test
    void create_unescapedDots_warns() throws IOException {
        Reply reply = create("{\"name\":\"warning-dots\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}]},"
                + "\"certificate_identity\":\"CN=node-1.example.com,OU=Search,O=Example\"}");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.response().getHeader("Warning")).contains("unescaped '.' matches any character");
    }

    @Test
    void update_absentIdentity_keepsIt() throws IOException {
        String id = createKey("update-absent", IDENTITY_JSON);

        Reply reply = update(id, "{\"access\":{\"search\":[{\"names\":[\"logs-*\",\"metrics-*\"]}]}}");
        Reply again = update(id, "{\"access\":{\"search\":[{\"names\":[\"logs-*\",\"metrics-*\"]}]}}");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().get("updated").booleanValue()).isTrue();
        assertThat(again.json().get("updated").booleanValue()).isFalse();
        JsonNode key = getKey(id);
        assertThat(key.get("certificate_identity").textValue()).isEqualTo(IDENTITY);
        assertThat(key.at("/access/search/0/names").toString()).isEqualTo("[\"logs-*\",\"metrics-*\"]");
    }

    @Test
    void update_explicitNullIdentity_removesIt() throws IOException {
        String id = createKey("update-null", IDENTITY_JSON);

        Reply reply = update(id, "{\"certificate_identity\":null}");
        Reply again = update(id, "{\"certificate_identity\":null}");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().get("updated").booleanValue()).isTrue();
        assertThat(again.json().get("updated").booleanValue()).isFalse();
        JsonNode key = getKey(id);
        assertThat(key.has("certificate_identity")).isFalse();
        assertThat(key.at("/access/search/0/names/0").textValue()).isEqualTo("logs-*");
    }

    @Test
    void update_stringIdentity_replacesIt() throws IOException {
        String id = createKey("update-replace", IDENTITY_JSON);

        Reply reply = update(id, "{\"certificate_identity\":\"" + OTHER_IDENTITY_JSON + "\"}");

        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        assertThat(reply.json().get("updated").booleanValue()).isTrue();
        assertThat(getKey(id).get("certificate_identity").textValue())
                .isEqualTo("CN=node-2\\.example\\.com,OU=Search,O=Example");
    }

    @Test
    void update_emptyBody_nothingToUpdate() throws IOException {
        String id = createKey("update-empty", IDENTITY_JSON);

        assertError(update(id, "{}"), 400, "illegal_argument_exception", "nothing to update");
        assertError(update(id, null), 400, "illegal_argument_exception", "nothing to update");
        assertThat(getKey(id).get("certificate_identity").textValue()).isEqualTo(IDENTITY);
    }

    @Test
    void update_restKeyId_namesBothTypes() throws IOException {
        Reply created = send("POST", "/_security/api_key", "{\"name\":\"update-rest\"}");
        String id = created.json().get("id").textValue();

        Reply reply = update(id, "{\"metadata\":{\"a\":1}}");

        assertError(reply, 400, "illegal_argument_exception", "[" + id + "]", "[rest]", "[cross_cluster]");
    }

    @Test
    void update_nullExpiration_rejectedExplicitly() throws IOException {
        String id = createKey("update-expiration", IDENTITY_JSON);

        Reply reply = update(id, "{\"expiration\":null}");

        assertError(reply, 400, "illegal_argument_exception", "[expiration]", "cannot be removed");
    }

    @Test
    void update_unknownId_notFound() throws IOException {
        Reply reply = update("no-such-key", "{\"metadata\":{\"a\":1}}");

        assertError(reply, 404, "resource_not_found_exception", "[no-such-key]");
    }

    @Test
    void update_getShapeSentBack_isNoop() throws IOException {
        String search = create("{\"name\":\"round-trip-dls\",\"access\":{\"search\":[{\"names\":[\"logs-*\"],"
                        + "\"query\":{\"term\":{\"tenant\":\"t1\"}}}]}}")
                .json()
                .get("id")
                .textValue();
        String both = create("{\"name\":\"round-trip-both\",\"access\":{\"search\":[{\"names\":[\"logs-*\"]}],"
                        + "\"replication\":[{\"names\":[\"archive-*\"]}]}}")
                .json()
                .get("id")
                .textValue();

        for (String id : new String[] {search, both}) {
            JsonNode access = getKey(id).get("access");
            assertThat(access.at("/search/0/allow_restricted_indices").isBoolean())
                    .isTrue();

            Reply reply = update(id, "{\"access\":" + access + "}");

            assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            assertThat(reply.json().get("updated").booleanValue()).as(id).isFalse();
            assertThat(getKey(id).get("access")).isEqualTo(access);
        }
    }

    @Test
    void create_queryStringOrObject_same() throws IOException {
        String object = create("{\"name\":\"round-trip-object\",\"access\":{\"search\":[{\"names\":[\"logs-*\"],"
                        + "\"query\":{\"term\":{\"tenant\":\"t1\"}}}]}}")
                .json()
                .get("id")
                .textValue();
        String string = create("{\"name\":\"round-trip-string\",\"access\":{\"search\":[{\"names\":[\"logs-*\"],"
                        + "\"query\":\"{\\\"term\\\":{\\\"tenant\\\":\\\"t1\\\"}}\"}]}}")
                .json()
                .get("id")
                .textValue();

        JsonNode fromObject = getKey(object);
        JsonNode fromString = getKey(string);

        assertThat(fromString.get("role_descriptors")).isEqualTo(fromObject.get("role_descriptors"));
        assertThat(fromString.get("access")).isEqualTo(fromObject.get("access"));
        assertThat(fromString.at("/access/search/0/query/term/tenant").textValue())
                .isEqualTo("t1");
    }

    @Test
    void create_queryOnSearchWithReplication_rejected() throws IOException {
        Reply reply = create("{\"name\":\"round-trip-dls-both\",\"access\":{\"search\":[{\"names\":[\"logs-*\"],"
                + "\"query\":{\"term\":{\"tenant\":\"t1\"}}}],\"replication\":[{\"names\":[\"archive-*\"]}]}}");

        assertError(reply, 400, "illegal_argument_exception", "[access.search]", "[query]", "[access.replication]");
    }

    @Test
    void create_invalidIndexNamePatterns_rejectedNamingThem() throws IOException {
        String[][] cases = {
            {"*,-.security*", "comma"},
            {"-logs-*", "exclusions"},
            {"rc1:logs-*", "cluster prefix"},
            {"/logs-.*/", "regular expression"},
        };
        for (String[] entry : cases) {
            Reply reply =
                    create("{\"name\":\"names-names\",\"access\":{\"search\":[{\"names\":[\"" + entry[0] + "\"]}]}}");

            assertError(
                    reply, 400, "illegal_argument_exception", "[access.search.names]", "[" + entry[0] + "]", entry[1]);
        }
        assertError(
                create("{\"name\":\"names-names\",\"access\":{\"replication\":[{\"names\":[]}]}}"),
                400,
                "illegal_argument_exception",
                "[access.replication.names]",
                "must not be empty");
        assertThat(countByName("names-names")).isZero();
    }

    @Test
    void create_unknownField_parseErrorNamingIt() throws IOException {
        Reply topLevel = create("{\"name\":\"bad-field\",\"access\":{\"search\":[{\"names\":[\"a\"]}]},\"colour\":1}");
        Reply nested = create("{\"name\":\"bad-field\",\"access\":{\"search\":[{\"names\":[\"a\"],\"colour\":1}]}}");
        Reply onUpdate = update(createKey("bad-field-update", IDENTITY_JSON), "{\"name\":\"renamed\"}");

        assertError(topLevel, 400, "x_content_parse_exception", "unknown field [colour]");
        assertError(nested, 400, "x_content_parse_exception", "[access.search]", "unknown field [colour]");
        assertError(onUpdate, 400, "x_content_parse_exception", "unknown field [name]");
        assertThat(countByName("bad-field")).isZero();
    }

    @Test
    void create_wrongTypes_parseErrorNamingField() throws IOException {
        Reply name = create("{\"name\":5,\"access\":{\"search\":[{\"names\":[\"a\"]}]}}");
        Reply identity = create("{\"name\":\"wrong-type\",\"access\":{\"search\":[{\"names\":[\"a\"]}]},"
                + "\"certificate_identity\":[\"CN=a\"]}");
        Reply search = create("{\"name\":\"wrong-type\",\"access\":{\"search\":\"logs-*\"}}");
        Reply expiration = create(
                "{\"name\":\"wrong-type\",\"access\":{\"search\":[{\"names\":[\"a\"]}]}," + "\"expiration\":30}");

        assertError(name, 400, "x_content_parse_exception", "field [name]", "a string", "[a number]");
        assertError(identity, 400, "x_content_parse_exception", "field [certificate_identity]", "[an array]");
        assertError(search, 400, "x_content_parse_exception", "field [search]", "[a string]");
        assertError(expiration, 400, "x_content_parse_exception", "field [expiration]", "[a number]");
        assertThat(countByName("wrong-type")).isZero();
    }

    @Test
    void create_invalidExpiration_namesValue() throws IOException {
        Reply reply = create("{\"name\":\"bad-expiration\",\"access\":{\"search\":[{\"names\":[\"a\"]}]},"
                + "\"expiration\":\"30 days\"}");

        assertError(reply, 400, "illegal_argument_exception", "[expiration]", "[30 days]");
    }

    @Test
    void update_invalidIdentity_rejectedAndKeepsOld() throws IOException {
        String id = createKey("update-bad-regex", IDENTITY_JSON);

        Reply reply = update(id, "{\"certificate_identity\":\"CN=(node\"}");

        assertError(reply, 400, "illegal_argument_exception", "[certificate_identity]", "CN=(node");
        assertThat(getKey(id).get("certificate_identity").textValue()).isEqualTo(IDENTITY);
    }
}
