package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.certbound.server.remote.search.TwoClusterNodes.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.remote.search.TwoClusterNodes.Response;
import org.certbound.server.remote.transport.TestTls;
import org.certbound.server.testing.NodeProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real node processes on loopback, where user {@code owner} of the querying cluster searches the fulfilling
 * cluster through a REST API key whose own role descriptors are narrower than the owner's roles. The key may use only
 * the intersection: the owner's role reads {@code logs-*} and {@code audit-*} in region {@code eu} without the field
 * {@code owner_secret}, and the key's own role reads only {@code logs-*} of tenant {@code t1} and only the fields
 * {@code tenant}, {@code region}, {@code message} and {@code owner_secret}. Requests are signed, and the
 * cross-cluster API key pins the signing certificate's DN.
 *
 * <p>The narrow key also creates a derived key {@code child} with {@code "role_descriptors": {}}. A derived key never
 * inherits the owner's roles, so {@code child} authenticates but may do nothing, locally or remotely, even after a
 * restart of the querying node.
 */
class ApiKeyRoleDescriptorsCrossClusterIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String OWNER = "owner";
    private static final String OWNER_PASSWORD = "owner-password";
    private static final String OWNER_ROLE = """
              cluster: [monitor, manage_own_api_key]
              indices:
                - names: ['local-*']
                  privileges: [read]
              remote_indices:
                - clusters: [rc]
                  names: ['logs-*', 'audit-*']
                  privileges: [read, read_cross_cluster, view_index_metadata]
                  query: '{"term":{"region":"eu"}}'
                  field_security:
                    grant: ['*']
                    except: [owner_secret]
            """;
    private static final String NARROW_KEY = """
            {"name":"narrow","role_descriptors":{"narrow":{
              "cluster":["monitor","manage_own_api_key"],
              "indices":[{"names":["local-*"],"privileges":["read"]}],
              "remote_indices":[{"clusters":["rc"],"names":["logs-*"],
                "privileges":["read","read_cross_cluster","view_index_metadata"],
                "query":{"term":{"tenant":"t1"}},
                "field_security":{"grant":["tenant","region","message","owner_secret"]}}]}}}
            """;

    @TempDir
    static Path dir;

    private static NodeProcess remote;
    private static NodeProcess querying;
    private static String narrowKeyAuthorization;
    private static String childKeyAuthorization;

    @BeforeAll
    static void startClusters() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        TestTls.Ca ca = TestTls.ca(certs, "shared-ca");
        TestTls.Leaf remoteServer = TestTls.server(certs, ca, "remote-node");
        TestTls.Leaf signer = TestTls.server(certs, ca, "querying-node");

        remote = TwoClusterNodes.fulfilling(dir.resolve("remote"), remoteServer, ca)
                .build()
                .start();
        indexRemoteDocuments();
        JsonNode crossClusterKey = expectOk(call(
                remote,
                admin(),
                "POST",
                "/_security/cross_cluster/api_key",
                "{\"name\":\"search-key\",\"access\":{\"search\":[{\"names\":[\"logs-*\",\"audit-*\"]}]},"
                        + "\"certificate_identity\":\"CN=querying-node,O=Example\"}"));

        querying = NodeProcess.builder(dir.resolve("querying"))
                .setting("cluster.name", "querying")
                .setting(
                        "xpack.security.remote_cluster_client.ssl.certificate_authorities",
                        ca.certificateFile().toString())
                .setting(
                        "cluster.remote.rc.seeds",
                        "127.0.0.1:" + remote.address("remote_cluster").getPort())
                .setting("cluster.remote.rc.skip_unavailable", "false")
                .setting(
                        "cluster.remote.rc.signing.certificate",
                        signer.certificateFile().toString())
                .setting("cluster.remote.rc.signing.key", signer.keyFile().toString())
                .keystoreString(
                        "cluster.remote.rc.credentials",
                        crossClusterKey.path("encoded").asText())
                .role("owner_role", OWNER_ROLE)
                .user(OWNER, OWNER_PASSWORD, "owner_role")
                .build()
                .start();
        expectOk(call(querying, admin(), "PUT", "/local-1/_doc/l1?refresh=true", "{\"tenant\":\"t1\"}"));
        JsonNode narrowKey = expectOk(call(querying, owner(), "POST", "/_security/api_key", NARROW_KEY));
        narrowKeyAuthorization = "ApiKey " + narrowKey.path("encoded").asText();
        JsonNode childKey = expectOk(call(
                querying,
                narrowKeyAuthorization,
                "POST",
                "/_security/api_key",
                "{\"name\":\"child\",\"role_descriptors\":{}}"));
        childKeyAuthorization = "ApiKey " + childKey.path("encoded").asText();
        awaitConnected();
    }

    private static void indexRemoteDocuments() throws Exception {
        String mapping = "{\"mappings\":{\"properties\":{\"tenant\":{\"type\":\"keyword\"},"
                + "\"region\":{\"type\":\"keyword\"}}}}";
        expectOk(call(remote, admin(), "PUT", "/logs-1", mapping));
        expectOk(call(remote, admin(), "PUT", "/audit-1", mapping));
        indexRemote(
                "logs-1",
                "d1",
                "{\"tenant\":\"t1\",\"region\":\"eu\",\"message\":\"visible\","
                        + "\"owner_secret\":\"hidden by the owner\",\"key_hidden\":\"hidden by the key\"}");
        indexRemote("logs-1", "d2", "{\"tenant\":\"t2\",\"region\":\"eu\",\"message\":\"other tenant\"}");
        indexRemote("logs-1", "d3", "{\"tenant\":\"t1\",\"region\":\"us\",\"message\":\"other region\"}");
        indexRemote("audit-1", "a1", "{\"tenant\":\"t1\",\"region\":\"eu\",\"message\":\"audit\"}");
    }

    private static void indexRemote(String index, String id, String document) throws Exception {
        expectOk(call(remote, admin(), "PUT", "/" + index + "/_doc/" + id + "?refresh=true", document));
    }

    /** Waits until the querying cluster's first handshake with alias {@code rc} has succeeded. */
    private static void awaitConnected() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode info = MAPPER.createObjectNode();
        while (Instant.now().isBefore(deadline)) {
            info = call(querying, admin(), "GET", "/_remote/info", null).body().path("rc");
            if (info.path("connected").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("alias [rc] did not connect: " + info);
    }

    @AfterAll
    static void stopClusters() throws Exception {
        if (querying != null) {
            querying.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void search_narrowKey_seesOnlyTheIntersection() throws Exception {
        Response response = call(querying, narrowKeyAuthorization, "POST", "/rc:logs-1/_search", "{}");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(hitIds(response.body())).containsExactly("rc:logs-1/d1");
        JsonNode source = response.body().at("/hits/hits/0/_source");
        assertThat(fieldNames(source)).containsExactlyInAnyOrder("tenant", "region", "message");
        assertThat(source.has("owner_secret"))
                .as("hidden by the owner's field security")
                .isFalse();
        assertThat(source.has("key_hidden"))
                .as("hidden by the key's field security")
                .isFalse();
    }

    @Test
    void search_owner_seesMoreThanTheKey() throws Exception {
        Response response = call(querying, owner(), "POST", "/rc:logs-1/_search", "{}");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(hitIds(response.body())).containsExactlyInAnyOrder("rc:logs-1/d1", "rc:logs-1/d2");
        JsonNode first = response.body().at("/hits/hits/0/_source");
        assertThat(first.has("owner_secret")).isFalse();
    }

    @Test
    void search_indexOnlyTheOwnerMayRead_deniedNamingTheKeysRoles() throws Exception {
        Response owner = call(querying, owner(), "POST", "/rc:audit-1/_search", "{}");

        Response key = call(querying, narrowKeyAuthorization, "POST", "/rc:audit-1/_search", "{}");

        assertThat(hitIds(owner.body())).as(owner.body().toString()).containsExactly("rc:audit-1/a1");
        assertThat(key.status()).as(key.body().toString()).isEqualTo(403);
        String reason = key.body().at("/error/reason").asText();
        assertThat(reason).contains("remote cluster [rc] rejected the request");
        assertThat(reason).contains("on index [audit-1] is unauthorized for user [owner]");
        assertThat(reason).contains("the querying API key's own role descriptors");
        assertThat(reason).contains("roles [narrow]");
        assertThat(key.body().at("/error/reason_code").asText()).isEqualTo("unauthorized_index");
    }

    @Test
    void search_localAndRemoteWithNarrowKey_mergesBoth() throws Exception {
        Response response = call(querying, narrowKeyAuthorization, "POST", "/local-1,rc:logs-*/_search", "{}");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(hitIds(response.body())).containsExactlyInAnyOrder("local-1/l1", "rc:logs-1/d1");
    }

    @Test
    void count_narrowKey_countsOnlyTheIntersection() throws Exception {
        Response response = call(querying, narrowKeyAuthorization, "POST", "/rc:logs-*/_count", "{}");

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().path("count").asLong()).isEqualTo(1);
    }

    @Test
    void resolveCluster_narrowKey_authorizedOnlyForItsIndices() throws Exception {
        Response logs = call(querying, narrowKeyAuthorization, "GET", "/_resolve/cluster/rc:logs-*", null);
        Response audit = call(querying, narrowKeyAuthorization, "GET", "/_resolve/cluster/rc:audit-1", null);

        assertThat(logs.status()).as(logs.body().toString()).isEqualTo(200);
        assertThat(logs.body().at("/rc/connected").asBoolean()).isTrue();
        assertThat(logs.body().at("/rc/authorized").asBoolean()).isTrue();
        assertThat(logs.body().at("/rc/matching_indices").asBoolean()).isTrue();
        assertThat(audit.body().at("/rc/connected").asBoolean()).isTrue();
        assertThat(audit.body().at("/rc/authorized").asBoolean()).isFalse();
        assertThat(audit.body().at("/rc/error").asText()).contains("the querying API key's own role descriptors");
    }

    @Test
    void remoteInfo_narrowKey_showsTheConnectedAlias() throws Exception {
        Response response = call(querying, narrowKeyAuthorization, "GET", "/_remote/info", null);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        assertThat(response.body().at("/rc/connected").asBoolean()).isTrue();
        assertThat(response.body().at("/rc/cluster_name").asText()).isEqualTo("fulfilling");
    }

    @Test
    void derivedKey_authenticatesButIsDeniedLocally() throws Exception {
        Response authenticate = call(querying, childKeyAuthorization, "GET", "/_security/_authenticate", null);
        Response search = call(querying, childKeyAuthorization, "POST", "/local-1/_search", "{}");
        Response index = call(querying, childKeyAuthorization, "PUT", "/local-1/_doc/c1", "{\"tenant\":\"t1\"}");
        Response fieldCaps = call(querying, childKeyAuthorization, "GET", "/local-1/_field_caps?fields=*", null);

        assertThat(authenticate.status()).as(authenticate.body().toString()).isEqualTo(200);
        assertThat(authenticate.body().at("/api_key/name").asText()).isEqualTo("child");
        assertDeniedWithoutRoles(search, "indices:data/read/search");
        assertDeniedWithoutRoles(index, "indices:data/write/index");
        assertDeniedWithoutRoles(fieldCaps, "indices:data/read/field_caps");
    }

    @Test
    void derivedKey_remoteSearchAndFieldCaps_noRemotePrivileges() throws Exception {
        Response search = call(querying, childKeyAuthorization, "POST", "/rc:logs-1/_search", "{}");
        Response fieldCaps = call(querying, childKeyAuthorization, "GET", "/rc:logs-1/_field_caps?fields=*", null);

        assertNoRemotePrivileges(search);
        assertNoRemotePrivileges(fieldCaps);
    }

    @Test
    void derivedKey_resolveCluster_notAuthorized() throws Exception {
        Response resolve = call(querying, childKeyAuthorization, "GET", "/_resolve/cluster/rc:logs-*", null);

        assertThat(resolve.status()).as(resolve.body().toString()).isEqualTo(200);
        assertThat(resolve.body().at("/rc/connected").asBoolean()).isTrue();
        assertThat(resolve.body().at("/rc/authorized").asBoolean()).isFalse();
        assertThat(resolve.body().at("/rc/error").asText()).contains("grants no privileges");
    }

    @Test
    void derivedKey_createsFurtherDerivedKey_denied() throws Exception {
        Response grandchild = call(
                querying,
                childKeyAuthorization,
                "POST",
                "/_security/api_key",
                "{\"name\":\"grandchild\",\"role_descriptors\":{}}");

        assertThat(grandchild.status()).as(grandchild.body().toString()).isEqualTo(403);
        assertThat(grandchild.body().at("/error/reason").asText())
                .contains("with effective roles []")
                .contains("manage_own_api_key");
    }

    @Test
    void derivedKey_afterRestart_stillDeniedWhileTheNarrowKeyWorks() throws Exception {
        querying.restart();
        awaitConnected();

        Response local = call(querying, childKeyAuthorization, "POST", "/local-1/_search", "{}");
        Response remoteSearch = call(querying, childKeyAuthorization, "POST", "/rc:logs-1/_search", "{}");
        Response narrow = call(querying, narrowKeyAuthorization, "POST", "/rc:logs-1/_search", "{}");

        assertDeniedWithoutRoles(local, "indices:data/read/search");
        assertNoRemotePrivileges(remoteSearch);
        assertThat(narrow.status()).as(narrow.body().toString()).isEqualTo(200);
        assertThat(hitIds(narrow.body())).containsExactly("rc:logs-1/d1");
    }

    private static void assertDeniedWithoutRoles(Response response, String action) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.body().at("/error/reason").asText())
                .contains("action [" + action + "] is unauthorized for API key id")
                .contains("with effective roles []");
    }

    private static void assertNoRemotePrivileges(Response response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(403);
        assertThat(response.body().at("/error/reason_code").asText()).isEqualTo("no_remote_privileges");
        assertThat(response.body().at("/error/reason").asText())
                .contains("was created by another API key without role descriptors");
    }

    private static List<String> hitIds(JsonNode response) {
        List<String> ids = new ArrayList<>();
        response.at("/hits/hits")
                .forEach(hit -> ids.add(
                        hit.path("_index").asText() + "/" + hit.path("_id").asText()));
        return ids;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String admin() {
        return TwoClusterNodes.adminAuthorization();
    }

    private static String owner() {
        return NodeProcess.basicAuth(OWNER, OWNER_PASSWORD);
    }

    private static JsonNode expectOk(Response response) {
        assertThat(response.status()).as(response.body().toString()).isBetween(200, 201);
        return response.body();
    }
}
