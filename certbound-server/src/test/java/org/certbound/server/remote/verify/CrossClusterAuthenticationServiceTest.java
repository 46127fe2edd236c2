package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.remote.verify.CrossClusterFixture.CREDENTIALS;
import static org.certbound.server.remote.verify.CrossClusterFixture.KEY_ID;
import static org.certbound.server.remote.verify.CrossClusterFixture.apiKeySubjectInfo;
import static org.certbound.server.remote.verify.CrossClusterFixture.request;
import static org.certbound.server.remote.verify.CrossClusterFixture.search;
import static org.certbound.server.remote.verify.CrossClusterFixture.signed;
import static org.certbound.server.remote.verify.CrossClusterFixture.subjectInfo;
import static org.certbound.server.remote.verify.CrossClusterFixture.unsigned;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.certbound.identity.RequestSigner;
import org.certbound.server.audit.AuditEvent;
import org.certbound.server.audit.AuditEventType;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossClusterAuthenticationServiceTest {

    private static final String PATTERN = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    @TempDir
    Path dir;

    private CrossClusterFixture fixture;
    private TrustConfigManager trust;
    private CrossClusterAuthenticationService service;

    @BeforeEach
    void setUp() {
        fixture = new CrossClusterFixture(dir);
        trust = trustFrom("root.pem");
        service = new CrossClusterAuthenticationService(fixture.keys, trust, fixture.audit);
    }

    @Test
    void authenticate_unsignedKeyWithoutPattern_accepted() throws Exception {
        fixture.registerKey(null, search("logs-*"));

        VerifiedCrossClusterRequest verified = service.authenticate(unsigned("{}"));

        assertThat(verified.apiKeyId()).isEqualTo(KEY_ID);
        assertThat(verified.username()).isEqualTo("alice");
        assertThat(verified.realm()).isEqualTo("file1");
        assertThat(verified.identity()).isNull();
        AuditEvent event = fixture.audit.last();
        assertThat(event.type()).isEqualTo(AuditEventType.AUTHENTICATION_SUCCESS);
        assertThat(event.certificate()).isNull();
        assertThat(event.userName()).isEqualTo("alice");
    }

    @Test
    void authenticate_signedMatchingPattern_acceptedAndAuditsTheCertificate() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));

        VerifiedCrossClusterRequest verified = service.authenticate(signed(fixture.signer(), "{\"size\":1}"));

        assertThat(verified.identity()).isNotNull();
        assertThat(verified.identity().canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        AuditEvent event = fixture.audit.last();
        assertThat(event.type()).isEqualTo(AuditEventType.AUTHENTICATION_SUCCESS);
        assertThat(event.apiKeyId()).isEqualTo(KEY_ID);
        assertThat(event.certificate().dn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(event.certificate().sha256()).hasSize(64);
        assertThat(event.certificate().signatureAlgorithm()).isEqualTo("ES256");
    }

    @Test
    void authenticate_noCredentials_missingCredentials() {
        CrossClusterRequest request = request(CrossClusterActions.SEARCH, null, subjectInfo(), null, "{}");

        assertRejected(request, "missing_credentials", 401);
        assertThat(fixture.keys.calls).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "ApiKey ", "ApiKey a b", "ApiKey abc\n"})
    void authenticate_malformedCredentials_invalidCredentials(String credentials) {
        CrossClusterRequest request = request(CrossClusterActions.SEARCH, credentials, subjectInfo(), null, "{}");

        assertRejected(request, "invalid_credentials", 401);
        assertThat(fixture.keys.calls).isZero();
    }

    @Test
    void authenticate_invalidatedKey_passesTheKeyServiceCodeAndAuditsTheKeyId() {
        fixture.keys.failures.put(
                CrossClusterFixture.ENCODED,
                CrossClusterAccessException.unauthenticated(
                        "key_invalidated", "API key [" + KEY_ID + "] is invalidated", KEY_ID));

        assertRejected(unsigned("{}"), "key_invalidated", 401);

        AuditEvent event = fixture.audit.last();
        assertThat(event.type()).isEqualTo(AuditEventType.AUTHENTICATION_FAILED);
        assertThat(event.reasonCode()).isEqualTo("key_invalidated");
        assertThat(event.apiKeyId()).isEqualTo(KEY_ID);
        assertThat(event.originAddress()).isEqualTo(CrossClusterFixture.PEER);
    }

    @Test
    void authenticate_unknownKey_auditsTheIdFromTheHeader() {
        assertRejected(unsigned("{}"), "invalid_credentials", 401);

        assertThat(fixture.audit.last().apiKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void authenticate_patternButUnsigned_missingSignature() {
        fixture.registerKey(PATTERN, search("logs-*"));

        CrossClusterAccessException e = assertRejected(unsigned("{}"), "missing_signature", 401);

        assertThat(e.getMessage()).contains(KEY_ID);
    }

    @Test
    void authenticate_signedWithoutTrust_noTrustConfigured() {
        fixture.registerKey(null, search("logs-*"));
        TrustConfigManager none = new TrustConfigManager(dir, Clock.systemUTC());
        none.start(Settings.EMPTY, SecureSettings.EMPTY, true);
        CrossClusterAuthenticationService untrusting =
                new CrossClusterAuthenticationService(fixture.keys, none, fixture.audit);

        assertThatThrownBy(() -> untrusting.authenticate(signed(fixture.signer(), "{}")))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.code()).isEqualTo("no_trust_configured"));
    }

    @Test
    void authenticate_patternWithoutTrust_unsignedStillMissingSignature() {
        fixture.registerKey(PATTERN, search("logs-*"));
        TrustConfigManager none = new TrustConfigManager(dir, Clock.systemUTC());
        none.start(Settings.EMPTY, SecureSettings.EMPTY, true);
        CrossClusterAuthenticationService untrusting =
                new CrossClusterAuthenticationService(fixture.keys, none, fixture.audit);

        assertThatThrownBy(() -> untrusting.authenticate(unsigned("{}")))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.code()).isEqualTo("missing_signature"));
    }

    @Test
    void authenticate_chainFromAnotherCa_untrustedChainNamingTheLeaf() {
        fixture.registerKey(PATTERN, search("logs-*"));
        TestPki.Issued otherCa = TestPki.rootCa("CN=Other CA,O=Elsewhere");
        TestPki.Issued stranger = otherCa.issue("CN=node-1.example.com,OU=Search,O=Example", false);
        RequestSigner signer = fixture.signer("stranger", stranger, Clock.systemUTC());

        CrossClusterAccessException e = assertRejected(signed(signer, "{}"), "untrusted_chain", 401);

        assertThat(e.getMessage())
                .contains("CN=node-1.example.com,OU=Search,O=Example")
                .contains(KEY_ID);
        AuditEvent event = fixture.audit.last();
        assertThat(event.certificate().dn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(event.certificate().signatureAlgorithm()).isEqualTo("ES256");
    }

    @Test
    void authenticate_leafWithoutIntermediate_rejected() {
        fixture.registerKey(PATTERN, search("logs-*"));
        RequestSigner leafOnly = fixture.signer("leaf-only", fixture.leaf, Clock.systemUTC());

        assertRejected(signed(leafOnly, "{}"), "untrusted_chain", 401);
    }

    @Test
    void authenticate_leafWithAnUnrelatedCa_rejected() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));
        TestPki.Issued unrelated = TestPki.rootCa("CN=Unrelated CA,O=Example");
        CrossClusterRequest valid = signed(fixture.signer(), "{}");
        // certbound's signer refuses such a chain at load, so the header is rewritten as another client could send it.
        String signature = withChain(valid.signature(), fixture.leaf, unrelated);
        CrossClusterRequest forged =
                CrossClusterFixture.request(valid.action(), CREDENTIALS, valid.subjectInfo(), signature, "{}");

        assertRejected(forged, "untrusted_chain", 401);
    }

    private static String withChain(String jws, TestPki.Issued... chain) throws Exception {
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String[] parts = jws.split("\\.", -1);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var header = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(decoder.decode(parts[0]));
        var x5c = header.putArray("x5c");
        for (TestPki.Issued certificate : chain) {
            x5c.add(java.util.Base64.getEncoder()
                    .encodeToString(certificate.certificate().getEncoded()));
        }
        return encoder.encodeToString(mapper.writeValueAsBytes(header)) + ".." + parts[2];
    }

    @Test
    void authenticate_trustAnchoredAtTheIntermediate_accepted() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));
        CrossClusterAuthenticationService anchoredAtIntermediate =
                new CrossClusterAuthenticationService(fixture.keys, trustFrom("int.pem"), fixture.audit);

        VerifiedCrossClusterRequest verified = anchoredAtIntermediate.authenticate(signed(fixture.signer(), "{}"));

        assertThat(verified.isSigned()).isTrue();
    }

    @Test
    void authenticate_expiredCertificate_certificateExpired() {
        fixture.registerKey(PATTERN, search("logs-*"));
        TestPki.Issued expired = fixture.intermediate.issueLeaf(
                "CN=node-1.example.com,OU=Search,O=Example",
                Instant.now().minus(Duration.ofDays(3)),
                Duration.ofDays(1));
        RequestSigner signer = fixture.signer("expired", expired, Clock.systemUTC(), fixture.intermediate);

        assertRejected(signed(signer, "{}"), "certificate_expired", 401);
    }

    @Test
    void authenticate_signatureMovedOntoAnotherBody_rejected() {
        fixture.registerKey(PATTERN, search("logs-*"));
        CrossClusterRequest original = signed(fixture.signer(), "{\"query\":{\"match_all\":{}}}");
        CrossClusterRequest moved = request(
                original.action(), CREDENTIALS, original.subjectInfo(), original.signature(), "{\"size\":10000}");

        assertRejected(moved, "bad_signature", 401);
    }

    @Test
    void authenticate_signatureMovedOntoAnotherAction_requestMismatch() {
        fixture.registerKey(PATTERN, search("logs-*"));
        CrossClusterRequest original = signed(fixture.signer(), "{}");
        CrossClusterRequest moved = request(
                CrossClusterActions.FIELD_CAPS, CREDENTIALS, original.subjectInfo(), original.signature(), "{}");

        assertRejected(moved, "request_mismatch", 401);
    }

    @Test
    void authenticate_signatureWithAnotherSubject_rejected() {
        fixture.registerKey(PATTERN, search("logs-*"));
        CrossClusterRequest original = signed(fixture.signer(), "{}");
        CrossClusterRequest widened =
                request(original.action(), CREDENTIALS, subjectInfo(search("*")), original.signature(), "{}");

        assertRejected(widened, "bad_signature", 401);
    }

    @Test
    void authenticate_replayedSignature_replayedNonce() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));
        CrossClusterRequest request = signed(fixture.signer(), "{}");
        service.authenticate(request);

        assertRejected(request, "replayed_nonce", 401);
    }

    @Test
    void authenticate_signedTenMinutesAgo_staleSignature() {
        fixture.registerKey(PATTERN, search("logs-*"));
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        RequestSigner signer = fixture.signer("leaf", fixture.leaf, past, fixture.intermediate);

        assertRejected(signed(signer, "{}"), "stale_signature", 401);
    }

    @Test
    void authenticate_signedBeforeStart_stale() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));
        // A signature from a minute ago is inside the freshness window, but this node's nonce cache was empty until
        // it started, so a replay of a request accepted before a restart could not be detected.
        Clock minuteAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        RequestSigner signer = fixture.signer("leaf", fixture.leaf, minuteAgo, fixture.intermediate);

        CrossClusterAccessException e = assertRejected(signed(signer, "{}"), "stale_signature", 401);

        assertThat(e.operatorReason()).contains("before this node's verifier started");
    }

    @Test
    void authenticate_dnMismatch_peerSeesTheDnButNotThePattern() {
        fixture.registerKey("CN=node-2\\.example\\.com,OU=Search,O=Example", search("logs-*"));

        CrossClusterAccessException e = assertRejected(signed(fixture.signer(), "{}"), "identity_mismatch", 401);

        assertThat(e.getMessage())
                .contains("CN=node-1.example.com,OU=Search,O=Example")
                .contains(KEY_ID);
        assertThat(e.getMessage()).doesNotContain("node-2");
        assertThat(e.operatorReason()).contains("node-2").contains("CN=node-1\\.example\\.com");
        assertThat(fixture.audit.last().reason()).contains("node-2");
    }

    @Test
    void authenticate_signedKeyWithoutPatternAndTamperedSignature_rejected() {
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest original = signed(fixture.signer(), "{}");
        String signature = original.signature();
        char last = signature.charAt(signature.length() - 2);
        String tampered = signature.substring(0, signature.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + signature.charAt(signature.length() - 1);
        CrossClusterRequest request = request(original.action(), CREDENTIALS, original.subjectInfo(), tampered, "{}");

        assertRejected(request, "bad_signature", 401);
    }

    @Test
    void authenticate_signedKeyWithoutPattern_acceptedWithTheIdentity() throws Exception {
        fixture.registerKey(null, search("logs-*"));

        VerifiedCrossClusterRequest verified = service.authenticate(signed(fixture.signer(), "{}"));

        assertThat(verified.isSigned()).isTrue();
    }

    @Test
    void authenticate_malformedSignatureHeader_rejected() {
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest request =
                request(CrossClusterActions.SEARCH, CREDENTIALS, subjectInfo(search("logs-*")), "not-a-jws", "{}");

        assertRejected(request, "malformed_signature", 401);
    }

    @Test
    void authenticate_invalidSubjectInfo_rejectedAfterTheKey() {
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest request = request(CrossClusterActions.SEARCH, CREDENTIALS, "%%%", null, "{}");

        assertRejected(request, "invalid_subject_info", 401);
        assertThat(fixture.keys.calls).isEqualTo(1);
    }

    @Test
    void authenticate_handshakeWithoutSubject_runsAsSystem() throws Exception {
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest request = request(CrossClusterActions.HANDSHAKE, CREDENTIALS, null, null, "{}");

        VerifiedCrossClusterRequest verified = service.authenticate(request);

        assertThat(verified.username()).isEqualTo("_system");
        assertThat(verified.userRoleSets()).containsExactly(List.of());
    }

    @Test
    void authenticate_actionNotOnTheAllowlist_forbiddenBeforeTheKey() {
        CrossClusterRequest request = request("indices:data/write/bulk", CREDENTIALS, subjectInfo(), null, "{}");

        assertRejected(request, "action_not_allowed", 403);
        assertThat(fixture.keys.calls).isZero();
    }

    @Test
    void authenticate_invalidKey_noPublicKeyWorkIsDone() {
        // An unknown key with a garbage signature must fail on the key, not on the signature.
        CrossClusterRequest request =
                request(CrossClusterActions.SEARCH, CREDENTIALS, subjectInfo(search("logs-*")), "garbage", "{}");

        assertRejected(request, "invalid_credentials", 401);
    }

    @Test
    void authorize_intersectionOfKeyAndUser_grantsOnlyWhatBothAllow() throws Exception {
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest request = request(
                CrossClusterActions.SEARCH, CREDENTIALS, subjectInfo(search("logs-2026*", "metrics-*")), null, "{}");
        VerifiedCrossClusterRequest verified = service.authenticate(request);

        assertThat(service.authorize(request, verified, List.of("logs-2026.01")))
                .containsKey("logs-2026.01");
        assertThat(fixture.audit.last().type()).isEqualTo(AuditEventType.ACCESS_GRANTED);
        assertThatThrownBy(() -> service.authorize(request, verified, List.of("metrics-1")))
                .isInstanceOfSatisfying(CrossClusterAccessException.class, e -> {
                    assertThat(e.code()).isEqualTo("unauthorized_index");
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("API key [" + KEY_ID + "]");
                });
        assertThat(fixture.audit.last().type()).isEqualTo(AuditEventType.ACCESS_DENIED);
        assertThat(fixture.audit.last().index()).isEqualTo("metrics-1");
        assertThatThrownBy(() -> service.authorize(request, verified, List.of("logs-2025.12")))
                .isInstanceOfSatisfying(
                        CrossClusterAccessException.class,
                        e -> assertThat(e.getMessage()).contains("user [alice]"));
    }

    @Test
    void authorize_apiKeySubjectWithTwoSets_grantsOnlyWhatEverySetAllows() throws Exception {
        fixture.registerKey(null, search("logs-*", "audit-*"));
        String subject = apiKeySubjectInfo(search("logs-*"), search("logs-*", "audit-*"));
        CrossClusterRequest request = request(CrossClusterActions.SEARCH, CREDENTIALS, subject, null, "{}");
        VerifiedCrossClusterRequest verified = service.authenticate(request);

        assertThat(verified.userRoleSets()).hasSize(2);
        assertThat(service.authorize(request, verified, List.of("logs-1"))).containsKey("logs-1");
        assertThatThrownBy(() -> service.authorize(request, verified, List.of("audit-1")))
                .isInstanceOfSatisfying(CrossClusterAccessException.class, e -> {
                    assertThat(e.code()).isEqualTo("unauthorized_index");
                    assertThat(e.getMessage()).contains("the querying API key's own role descriptors");
                    assertThat(e.getMessage()).contains("roles [narrow]");
                });
        assertThat(fixture.audit.last().type()).isEqualTo(AuditEventType.ACCESS_DENIED);
        assertThat(fixture.audit.last().index()).isEqualTo("audit-1");
        assertThat(fixture.audit.last().reason()).contains("the querying API key's own role descriptors");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CN=node-1.example.com.evil.net,OU=Search,O=Example",
                "CN=evil,OU=CN=node-1.example.com,O=Example",
                "CN=node-1.example.com,OU=Search,O=Example,DC=evil"
            })
    void authenticate_dnThatOnlyContainsTheIdentity_rejected(String dn) {
        fixture.registerKey(PATTERN, search("logs-*"));
        TestPki.Issued lookalike = fixture.intermediate.issue(dn, false);
        RequestSigner signer = fixture.signer("lookalike", lookalike, Clock.systemUTC(), fixture.intermediate);

        CrossClusterAccessException e = assertRejected(signed(signer, "{}"), "identity_mismatch", 401);

        assertThat(e.getMessage())
                .contains(lookalike.certificate().getSubjectX500Principal().getName());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "O = Example, OU = Search, CN = node-1.example.com",
                "O=Example,OU=Search,CN=node-1\\.example\\.com",
                "/O=Example/OU=Search/CN=node-1.example.com",
                "CN=node-1\\.example\\.com, OU=Search, O=Example",
                "O=Example",
                "cn=node-1\\.example\\.com,ou=Search,o=Example"
            })
    void authenticate_patternInAnotherDnFormat_identityMismatchShowsTheCanonicalDn(String pattern) {
        fixture.registerKey(pattern, search("logs-*"));

        CrossClusterAccessException e = assertRejected(signed(fixture.signer(), "{}"), "identity_mismatch", 401);

        assertThat(e.getMessage()).contains("[CN=node-1.example.com,OU=Search,O=Example]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "^CN=node-1\\.example\\.com,OU=Search,O=Example$",
                "(?i)cn=NODE-1\\.example\\.com,ou=search,o=example"
            })
    void authenticate_anchoredOrCaseInsensitivePattern_accepted(String pattern) throws Exception {
        fixture.registerKey(pattern, search("logs-*"));

        assertThat(service.authenticate(signed(fixture.signer(), "{}")).isSigned())
                .isTrue();
    }

    @Test
    void authenticate_caRemovedThroughSettings_nextRequestRejected() throws Exception {
        fixture.registerKey(PATTERN, search("logs-*"));
        service.authenticate(signed(fixture.signer(), "{}"));
        TestPki.Issued otherRoot = TestPki.rootCa("CN=New Root CA,O=Example");
        TestPki.writeCertificates(dir.resolve("new-root.pem"), otherRoot.certificate());
        Settings previous = caSettings("root.pem");
        Settings current = caSettings("new-root.pem");

        trust.validate(current);
        trust.apply(previous, current);

        assertRejected(signed(fixture.signer(), "{}"), "untrusted_chain", 401);
    }

    private CrossClusterAccessException assertRejected(CrossClusterRequest request, String code, int status) {
        try {
            service.authenticate(request);
        } catch (CrossClusterAccessException e) {
            assertThat(e.code()).as(e.operatorReason()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            AuditEvent event = fixture.audit.last();
            assertThat(event.type()).isEqualTo(AuditEventType.AUTHENTICATION_FAILED);
            assertThat(event.reasonCode()).isEqualTo(code);
            return e;
        }
        throw new AssertionError("expected the request to be rejected with [" + code + "]");
    }

    private TrustConfigManager trustFrom(String file) {
        TrustConfigManager manager = new TrustConfigManager(dir, Clock.systemUTC());
        manager.start(caSettings(file), SecureSettings.EMPTY, true);
        return manager;
    }

    private static Settings caSettings(String... files) {
        return Settings.builder()
                .putList(RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(), files)
                .build();
    }
}
