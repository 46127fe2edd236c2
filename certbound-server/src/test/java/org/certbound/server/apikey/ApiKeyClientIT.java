package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.security.Access;
import co.elastic.clients.elasticsearch.security.ApiKey;
import co.elastic.clients.elasticsearch.security.ApiKeyType;
import co.elastic.clients.elasticsearch.security.AuthenticateResponse;
import co.elastic.clients.elasticsearch.security.CreateApiKeyResponse;
import co.elastic.clients.elasticsearch.security.CreateCrossClusterApiKeyResponse;
import co.elastic.clients.elasticsearch.security.CredentialManagedBy;
import co.elastic.clients.elasticsearch.security.InvalidateApiKeyResponse;
import co.elastic.clients.elasticsearch.security.QueryApiKeysResponse;
import co.elastic.clients.elasticsearch.security.UpdateCrossClusterApiKeyResponse;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips of the API key endpoints against a real node, through the official Elasticsearch Java client: each
 * typed response parsing is itself a check that the node renders the fields the client requires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyClientIT {
    private static final String IDENTITY = "CN=node-1\\.example\\.com,OU=Search,O=Example";
    private static final String OTHER_IDENTITY = "CN=node-2\\.example\\.com,OU=Search,O=Example";
    /** The official client requires {@code access} on every cross-cluster key update, so updates repeat it. */
    private static final Access LOGS = Access.of(a -> a.search(s -> s.names("logs-*")));

    private static final String OWN_KEYS_USER = "key-owner";
    private static final String OWN_KEYS_PASSWORD = "key-owner-password";

    @TempDir
    static Path tempDir;

    private NodeProcess node;
    private ElasticsearchClient admin;

    @BeforeAll
    void startNode() throws Exception {
        node = NodeProcess.builder(tempDir)
                .user(OWN_KEYS_USER, OWN_KEYS_PASSWORD, "own_keys")
                .role("own_keys", "  cluster: [manage_own_api_key]\n")
                .build()
                .start();
        admin = node.client();
    }

    @AfterAll
    void stopNode() throws Exception {
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    private ElasticsearchClient clientWithApiKey(String encoded) {
        Header header = new BasicHeader("Authorization", "ApiKey " + encoded);
        Rest5Client low = Rest5Client.builder(new HttpHost("http", "127.0.0.1", node.httpPort()))
                .setDefaultHeaders(new Header[] {header})
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(low, new JacksonJsonpMapper()));
    }

    private CreateCrossClusterApiKeyResponse createCrossClusterKey(String name, String identity) throws Exception {
        return admin.security()
                .createCrossClusterApiKey(r -> r.name(name)
                        .access(LOGS)
                        .metadata("team", JsonData.of("search"))
                        .certificateIdentity(identity));
    }

    private ApiKey getById(String id) throws Exception {
        List<ApiKey> keys = admin.security().getApiKey(r -> r.id(id)).apiKeys();
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    @Test
    void createApiKey_getReturnsRestKey() throws Exception {
        CreateApiKeyResponse created =
                admin.security().createApiKey(r -> r.name("rest-round-trip").expiration(t -> t.time("1d")));

        ApiKey key = getById(created.id());

        assertThat(created.apiKey()).hasSize(22);
        assertThat(created.expiration()).isNotNull();
        String expectedEncoded = Base64.getEncoder()
                .encodeToString((created.id() + ":" + created.apiKey()).getBytes(StandardCharsets.UTF_8));
        assertThat(created.encoded()).isEqualTo(expectedEncoded);
        assertThat(key.name()).isEqualTo("rest-round-trip");
        assertThat(key.type()).isEqualTo(ApiKeyType.Rest);
        assertThat(key.invalidated()).isFalse();
        assertThat(key.username()).isEqualTo(NodeProcess.ADMIN_USER);
        assertThat(key.expiration()).isEqualTo(created.expiration());
        assertThat(key.certificateIdentity()).isNull();
    }

    @Test
    void createCrossClusterApiKey_getReturnsIdentity() throws Exception {
        CreateCrossClusterApiKeyResponse created = createCrossClusterKey("cc-round-trip", IDENTITY);

        ApiKey key = getById(created.id());

        assertThat(created.apiKey()).hasSize(22);
        assertThat(key.type()).isEqualTo(ApiKeyType.CrossCluster);
        assertThat(key.certificateIdentity()).isEqualTo(IDENTITY);
        assertThat(key.access().search()).hasSize(1);
        assertThat(key.access().search().get(0).names()).containsExactly("logs-*");
        assertThat(key.access().replication()).isEmpty();
        assertThat(key.metadata().get("team").to(String.class)).isEqualTo("search");
        assertThat(key.roleDescriptors()).containsOnlyKeys("cross_cluster");
        assertThat(key.roleDescriptors().get("cross_cluster").cluster())
                .containsExactly("cross_cluster_search", "monitor_enrich");
    }

    @Test
    void updateCrossClusterApiKey_accessOnly_keepsIdentity() throws Exception {
        String id = createCrossClusterKey("cc-update-access", IDENTITY).id();

        UpdateCrossClusterApiKeyResponse updated = admin.security()
                .updateCrossClusterApiKey(r -> r.id(id).access(a -> a.search(s -> s.names("logs-*", "metrics-*"))));
        UpdateCrossClusterApiKeyResponse again = admin.security()
                .updateCrossClusterApiKey(r -> r.id(id).access(a -> a.search(s -> s.names("logs-*", "metrics-*"))));

        assertThat(updated.updated()).isTrue();
        assertThat(again.updated()).isFalse();
        ApiKey key = getById(id);
        assertThat(key.access().search().get(0).names()).containsExactly("logs-*", "metrics-*");
        assertThat(key.certificateIdentity()).isEqualTo(IDENTITY);
    }

    @Test
    void updateCrossClusterApiKey_newIdentity_replacesIt() throws Exception {
        String id = createCrossClusterKey("cc-update-identity", IDENTITY).id();

        UpdateCrossClusterApiKeyResponse updated = admin.security()
                .updateCrossClusterApiKey(r -> r.id(id).access(LOGS).certificateIdentity(OTHER_IDENTITY));

        assertThat(updated.updated()).isTrue();
        assertThat(getById(id).certificateIdentity()).isEqualTo(OTHER_IDENTITY);
    }

    @Test
    void updateCrossClusterApiKey_unknownId_notFound() {
        assertThatThrownBy(() -> admin.security()
                        .updateCrossClusterApiKey(r -> r.id("no-such-key").access(LOGS)))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error().type()).isEqualTo("resource_not_found_exception");
                    assertThat(e.error().reason()).contains("[no-such-key]");
                });
    }

    @Test
    void getApiKey_unknownId_notFound() {
        assertThatThrownBy(() -> admin.security().getApiKey(r -> r.id("no-such-key")))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error().type()).isEqualTo("resource_not_found_exception");
                    assertThat(e.error().reason()).contains("[no-such-key]");
                });
    }

    @Test
    void queryApiKeys_namePrefix_sortedWithTotal() throws Exception {
        String first = createCrossClusterKey("query-b", IDENTITY).id();
        String second = admin.security().createApiKey(r -> r.name("query-a")).id();

        QueryApiKeysResponse page = admin.security()
                .queryApiKeys(r -> r.query(q -> q.prefix(p -> p.field("name").value("query-")))
                        .sort(s -> s.field(f -> f.field("name").order(SortOrder.Asc))));
        QueryApiKeysResponse crossClusterOnly = admin.security()
                .queryApiKeys(r -> r.query(q ->
                        q.bool(b -> b.must(m -> m.prefix(p -> p.field("name").value("query-")))
                                .filter(f -> f.term(t -> t.field("type").value("cross_cluster"))))));

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.apiKeys()).extracting(ApiKey::id).containsExactly(second, first);
        assertThat(page.apiKeys().get(0).sort()).hasSize(1);
        assertThat(page.apiKeys().get(0).sort().get(0).stringValue()).isEqualTo("query-a");
        assertThat(crossClusterOnly.total()).isEqualTo(1);
        assertThat(crossClusterOnly.apiKeys()).extracting(ApiKey::id).containsExactly(first);
    }

    @Test
    void invalidateApiKey_twice_reportsPreviouslyInvalidated() throws Exception {
        String id = createCrossClusterKey("cc-invalidate", IDENTITY).id();

        InvalidateApiKeyResponse first = admin.security().invalidateApiKey(r -> r.ids(id));
        InvalidateApiKeyResponse second = admin.security().invalidateApiKey(r -> r.ids(id));

        assertThat(first.invalidatedApiKeys()).containsExactly(id);
        assertThat(first.previouslyInvalidatedApiKeys()).isEmpty();
        assertThat(first.errorCount()).isZero();
        assertThat(second.invalidatedApiKeys()).isEmpty();
        assertThat(second.previouslyInvalidatedApiKeys()).containsExactly(id);
        ApiKey key = getById(id);
        assertThat(key.invalidated()).isTrue();
        assertThat(key.invalidation()).isNotNull();
    }

    @Test
    void invalidateApiKey_unknownId_notFound() {
        assertThatThrownBy(() -> admin.security().invalidateApiKey(r -> r.ids("no-such-key")))
                .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error().reason()).contains("no-such-key");
                });
    }

    @Test
    void restKey_authenticates_untilInvalidated() throws Exception {
        CreateApiKeyResponse created = admin.security().createApiKey(r -> r.name("rest-auth"));

        try (ElasticsearchClient byKey = clientWithApiKey(created.encoded())) {
            AuthenticateResponse authenticated = byKey.security().authenticate();

            assertThat(authenticated.username()).isEqualTo(NodeProcess.ADMIN_USER);
            assertThat(authenticated.authenticationType()).isEqualTo("api_key");
            assertThat(authenticated.apiKey().id()).isEqualTo(created.id());
            assertThat(authenticated.apiKey().name()).isEqualTo("rest-auth");
            assertThat(authenticated.apiKey().managedBy()).isEqualTo(CredentialManagedBy.Elasticsearch);

            admin.security().invalidateApiKey(r -> r.ids(created.id()));

            assertThatThrownBy(() -> byKey.security().authenticate())
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error().type()).isEqualTo("security_exception");
                        assertThat(e.error().reason()).contains("[" + created.id() + "] is invalidated");
                    });
        }
    }

    @Test
    void restKey_wrongSecret_unauthorized() throws Exception {
        CreateApiKeyResponse created = admin.security().createApiKey(r -> r.name("rest-wrong-secret"));
        String wrongSecret = "A".repeat(22);
        String encoded =
                Base64.getEncoder().encodeToString((created.id() + ":" + wrongSecret).getBytes(StandardCharsets.UTF_8));

        try (ElasticsearchClient byKey = clientWithApiKey(encoded)) {
            assertThatThrownBy(() -> byKey.security().authenticate())
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error().reason()).contains("[" + created.id() + "]");
                        assertThat(e.error().reason()).doesNotContain(created.apiKey());
                    });
        }
    }

    @Test
    void crossClusterKey_onHttpPort_unauthorized() throws Exception {
        CreateCrossClusterApiKeyResponse created = createCrossClusterKey("cc-on-http", IDENTITY);

        try (ElasticsearchClient byKey = clientWithApiKey(created.encoded())) {
            assertThatThrownBy(() -> byKey.security().authenticate())
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error().reason())
                                .contains("[" + created.id() + "]")
                                .contains("valid only on the remote cluster port");
                        assertThat(e.error().reason()).doesNotContain(created.apiKey());
                    });
        }
    }

    @Test
    void restKey_cannotCreateCrossClusterKey() throws Exception {
        CreateApiKeyResponse created = admin.security().createApiKey(r -> r.name("rest-creates-cc"));

        try (ElasticsearchClient byKey = clientWithApiKey(created.encoded())) {
            assertThatThrownBy(() -> byKey.security()
                            .createCrossClusterApiKey(
                                    r -> r.name("cc-by-key").access(a -> a.search(s -> s.names("a")))))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error().reason()).contains("an API key cannot create cross-cluster API keys");
                    });
        }
    }

    @Test
    void ownKeysUser_crossClusterKey_forbidden() throws Exception {
        try (ElasticsearchClient owner = node.client(OWN_KEYS_USER, OWN_KEYS_PASSWORD)) {
            CreateApiKeyResponse rest = owner.security().createApiKey(r -> r.name("own-rest"));

            assertThat(getById(rest.id()).username()).isEqualTo(OWN_KEYS_USER);
            assertThatThrownBy(() -> owner.security()
                            .createCrossClusterApiKey(r -> r.name("own-cc").access(a -> a.search(s -> s.names("a")))))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().type()).isEqualTo("security_exception");
                        assertThat(e.error().reason()).contains("[" + OWN_KEYS_USER + "]");
                    });
        }
    }

    @Test
    void ownKeysUser_cannotUpdateCrossClusterKey() throws Exception {
        String id = createCrossClusterKey("cc-update-forbidden", IDENTITY).id();

        try (ElasticsearchClient owner = node.client(OWN_KEYS_USER, OWN_KEYS_PASSWORD)) {
            assertThatThrownBy(() -> owner.security()
                            .updateCrossClusterApiKey(r -> r.id(id).access(LOGS).certificateIdentity(OTHER_IDENTITY)))
                    .isInstanceOfSatisfying(ElasticsearchException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.error().type()).isEqualTo("security_exception");
                    });
        }
        assertThat(getById(id).certificateIdentity()).isEqualTo(IDENTITY);
    }

    @Test
    void restart_keepsKeysAndInvalidation() throws Exception {
        CreateApiKeyResponse rest = admin.security().createApiKey(r -> r.name("survives-restart"));
        CreateCrossClusterApiKeyResponse crossCluster = createCrossClusterKey("cc-survives-restart", IDENTITY);
        String invalidated = admin.security()
                .createApiKey(r -> r.name("invalidated-before-restart"))
                .id();
        admin.security().invalidateApiKey(r -> r.ids(invalidated));

        admin.close();
        node.restart();
        admin = node.client();

        assertThat(getById(crossCluster.id()).certificateIdentity()).isEqualTo(IDENTITY);
        assertThat(getById(rest.id()).invalidated()).isFalse();
        assertThat(getById(invalidated).invalidated()).isTrue();
        try (ElasticsearchClient byKey = clientWithApiKey(rest.encoded())) {
            assertThat(byKey.security().authenticate().apiKey().id()).isEqualTo(rest.id());
        }
    }
}
