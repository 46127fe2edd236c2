package org.certbound.server.remote.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.certbound.identity.CertificateIdentityPattern;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.KeyMaterialLoader;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.server.audit.AuditEvent;
import org.certbound.server.audit.AuditTrail;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;
import org.jspecify.annotations.Nullable;

/** Keys, certificates, a fake key service and a recording audit trail for authenticator tests. */
final class CrossClusterFixture {

    static final String CLUSTER = "remote-cluster";
    static final String KEY_ID = "key-id-1";
    /** A 22-character secret that tests search for in every log line and audit record. */
    static final String SECRET = "MARKERSECRETxyz0123456";

    static final String ENCODED =
            Base64.getEncoder().encodeToString((KEY_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    static final String CREDENTIALS = "ApiKey " + ENCODED;
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50123);

    final Path dir;
    final TestPki.Issued root = TestPki.rootCa("CN=Example Root CA,O=Example");
    final TestPki.Issued intermediate = root.issue("CN=Example Signing Intermediate,O=Example", true);
    final TestPki.Issued leaf = intermediate.issue("CN=node-1.example.com,OU=Search,O=Example", false);
    final FakeKeyService keys = new FakeKeyService();
    final RecordingAuditTrail audit = new RecordingAuditTrail();

    CrossClusterFixture(Path dir) {
        this.dir = dir;
        TestPki.writeCertificates(dir.resolve("root.pem"), root.certificate());
        TestPki.writeCertificates(dir.resolve("int.pem"), intermediate.certificate());
    }

    /** Returns a signer for {@code issued}, sending {@code chain} after the leaf. */
    RequestSigner signer(String name, TestPki.Issued issued, Clock clock, TestPki.Issued... chain) {
        List<java.security.cert.X509Certificate> certificates = new ArrayList<>();
        certificates.add(issued.certificate());
        for (TestPki.Issued next : chain) {
            certificates.add(next.certificate());
        }
        Path cert = TestPki.writeCertificates(
                dir.resolve(name + ".crt"), certificates.toArray(new java.security.cert.X509Certificate[0]));
        Path key = TestPki.writeKey(dir.resolve(name + ".key"), issued);
        try {
            return RequestSigner.create(
                    KeyMaterialLoader.fromPem(cert, key, null, "cluster.remote.rc1.signing"), clock);
        } catch (KeyMaterialException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the default signer: the leaf with its intermediate. */
    RequestSigner signer() {
        return signer("leaf", leaf, Clock.systemUTC(), intermediate);
    }

    /** Registers the test key, with the given pattern or none, granting search on {@code names}. */
    void registerKey(@Nullable String pattern, IndicesPrivileges... indices) {
        RoleDescriptor role = new RoleDescriptor(
                "cross_cluster", List.of("cross_cluster_search"), List.of(indices), List.of(), Map.of());
        keys.keys.put(
                ENCODED,
                new AuthenticatedCrossClusterKey(
                        KEY_ID,
                        "my-key",
                        List.of(role),
                        pattern == null ? null : CertificateIdentityPattern.compile(pattern)));
    }

    /** Returns the subject info of user {@code alice} with the given index privileges. */
    static String subjectInfo(IndicesPrivileges... indices) {
        RoleDescriptor role = new RoleDescriptor("remote-reader", List.of(), List.of(indices), List.of(), Map.of());
        JsonNode json = RoleDescriptors.toJson(List.of(role));
        Map<String, JsonNode> roles = new HashMap<>();
        json.fields().forEachRemaining(entry -> roles.put(entry.getKey(), entry.getValue()));
        return new SubjectInfo("alice", "file1", "file", List.of(roles)).encode();
    }

    /**
     * Returns the subject info of user {@code owner} who authenticated with an API key that has its own role
     * descriptors: the key's own role {@code narrow} first, its owner's role {@code owner_role} second.
     */
    static String apiKeySubjectInfo(IndicesPrivileges keysOwn, IndicesPrivileges owner) {
        RoleDescriptor narrow = new RoleDescriptor("narrow", List.of(), List.of(keysOwn), List.of(), Map.of());
        RoleDescriptor ownerRole = new RoleDescriptor("owner_role", List.of(), List.of(owner), List.of(), Map.of());
        return new SubjectInfo(
                        "owner",
                        "_es_api_key",
                        "_es_api_key",
                        List.of(
                                Map.of("narrow", RoleDescriptors.toJson(narrow)),
                                Map.of("owner_role", RoleDescriptors.toJson(ownerRole))))
                .encode();
    }

    static IndicesPrivileges search(String... names) {
        return new IndicesPrivileges(
                List.of(names), List.of("read", "read_cross_cluster", "view_index_metadata"), null, null, false);
    }

    /** Builds an unsigned search request with the default credentials and subject info. */
    static CrossClusterRequest unsigned(String body) {
        return request(CrossClusterActions.SEARCH, CREDENTIALS, subjectInfo(search("logs-*")), null, body);
    }

    /** Builds a search request signed by {@code signer} over exactly what it carries. */
    static CrossClusterRequest signed(RequestSigner signer, String body) {
        String subject = subjectInfo(search("logs-*"));
        return request(
                CrossClusterActions.SEARCH,
                CREDENTIALS,
                subject,
                sign(signer, CrossClusterActions.SEARCH, subject, body),
                body);
    }

    static String sign(RequestSigner signer, String action, String subject, String body) {
        return signer.sign(
                RequestClaims.of(action, CLUSTER, CREDENTIALS, subject, body.getBytes(StandardCharsets.UTF_8)));
    }

    static CrossClusterRequest request(
            String action,
            @Nullable String credentials,
            @Nullable String subject,
            @Nullable String signature,
            String body) {
        return new CrossClusterRequest(
                "req-1", action, CLUSTER, credentials, subject, signature, body.getBytes(StandardCharsets.UTF_8), PEER);
    }

    /** A key service that accepts the keys put in its map and rejects everything else. */
    static final class FakeKeyService implements CrossClusterKeyService {
        final Map<String, AuthenticatedCrossClusterKey> keys = new HashMap<>();
        final Map<String, CrossClusterAccessException> failures = new HashMap<>();
        int calls;

        @Override
        public AuthenticatedCrossClusterKey authenticate(char[] encodedCredentials) throws CrossClusterAccessException {
            calls++;
            String encoded = new String(encodedCredentials);
            if (failures.containsKey(encoded)) {
                throw failures.get(encoded);
            }
            AuthenticatedCrossClusterKey key = keys.get(encoded);
            if (key == null) {
                throw CrossClusterAccessException.unauthenticated(
                        FailureCodes.INVALID_CREDENTIALS, "unable to authenticate the API key", null);
            }
            return key;
        }
    }

    /** An audit trail that keeps every event. */
    static final class RecordingAuditTrail implements AuditTrail {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public synchronized void record(AuditEvent event) {
            events.add(event);
        }

        AuditEvent last() {
            return events.get(events.size() - 1);
        }
    }
}
