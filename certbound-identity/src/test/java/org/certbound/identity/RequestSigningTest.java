package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.certbound.identity.testing.KeyFormat;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signs and verifies with every key type, loaded from PEM and from PKCS#12, and runs the standard negative set. */
class RequestSigningTest {
    private static final String LEAF_DN = "CN=node-1.example.com,OU=Search,O=Example";
    private static final Map<KeyType, List<TestCertificate>> CHAINS = new EnumMap<>(KeyType.class);
    private static final RequestClaims CLAIMS = claims("indices:data/read/search", "{\"query\":{}}");

    enum Store {
        PEM,
        PKCS12
    }

    /** One signing setup: the chain, an identity loaded from files, and a verifier trusting the root. */
    record Setup(KeyType type, List<TestCertificate> chain, SigningIdentity identity, Instant now) {
        TestCertificate root() {
            return chain.get(0);
        }

        TestCertificate intermediate() {
            return chain.get(1);
        }

        TestCertificate leaf() {
            return chain.get(2);
        }

        RequestSigner signer() {
            return signerAt(now);
        }

        RequestSigner signerAt(Instant time) {
            return RequestSigner.create(identity, Clock.fixed(time, ZoneOffset.UTC));
        }

        RequestVerifier verifier() {
            return verifierTrusting(root());
        }

        RequestVerifier verifierTrusting(TestCertificate anchor) {
            ChainValidator validator =
                    ChainValidator.create(TrustAnchors.of(List.of(anchor.certificate()), "test trust"));
            return RequestVerifier.builder(() -> validator)
                    .clock(Clock.fixed(now, ZoneOffset.UTC))
                    .build();
        }
    }

    static Stream<Arguments> setups() throws Exception {
        Stream.Builder<Arguments> setups = Stream.builder();
        for (KeyType type : KeyType.values()) {
            for (Store store : Store.values()) {
                setups.add(Arguments.of(type, store));
            }
        }
        return setups.build();
    }

    private static synchronized Setup setup(KeyType type, Store store) throws Exception {
        List<TestCertificate> chain = CHAINS.computeIfAbsent(type, t -> TestCertificates.threeLevelChain(t, LEAF_DN));
        TestCertificate leaf = chain.get(2);
        Path dir = Files.createTempDirectory("signing-" + type);
        char[] password = "changeit".toCharArray();
        SigningIdentity identity = store == Store.PEM
                ? KeyMaterialLoader.fromPem(
                        TestFiles.writeCertificates(dir.resolve("chain.pem"), leaf.chain()),
                        TestFiles.writeKey(dir.resolve("key.pem"), leaf.privateKey(), KeyFormat.PKCS8, null),
                        null,
                        "cluster.remote.rc1.signing")
                : KeyMaterialLoader.fromKeystore(
                        TestFiles.writeKeystore(
                                dir.resolve("s.p12"),
                                "PKCS12",
                                password,
                                List.of(new TestFiles.KeyEntry("signing", leaf.privateKey(), null, leaf.chain()))),
                        null,
                        null,
                        password,
                        null,
                        "cluster.remote.rc1.signing");
        return new Setup(type, chain, identity, Instant.now());
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_validSignature_returnsLeafIdentity(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);

        VerifiedIdentity identity = setup.verifier().verify(header, CLAIMS);

        assertThat(header).contains("..");
        assertThat(identity.leaf()).isEqualTo(setup.leaf().certificate());
        assertThat(identity.canonicalDn()).isEqualTo(LEAF_DN);
        assertThat(identity.fingerprint())
                .isEqualTo(CertificateFingerprint.sha256Hex(setup.leaf().certificate()));
        assertThat(identity.algorithm().jwsName()).isEqualTo(type.jwsAlgorithm());
        assertThat(identity.signingTime()).isEqualTo(setup.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_otherBody_badSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> setup.verifier().verify(header, claims("indices:data/read/search", "{\"query\":1}")));

        assertThat(e.reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
        assertThat(e.getMessage()).contains(LEAF_DN);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_otherCredentials_badSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);
        RequestClaims other = RequestClaims.of(
                CLAIMS.action(), CLAIMS.targetCluster(), "ApiKey b3RoZXI6c2VjcmV0", "subject-info", new byte[0]);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(header, other));

        assertThat(e.reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_otherAction_requestMismatch(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> setup.verifier().verify(header, claims("indices:admin/delete", "{\"query\":{}}")));

        assertThat(e.reason()).isEqualTo(ReasonCode.REQUEST_MISMATCH);
        assertThat(e.getMessage()).contains("indices:data/read/search", "indices:admin/delete");
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_anotherKeyUnderSameChain_badSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);
        PrivateKey otherKey = type.generate().getPrivate();

        String forged = Jws.resign(header, CLAIMS, otherKey);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(forged, CLAIMS));
        assertThat(e.reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_flippedSignatureByte_badSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);

        String tampered = Jws.flipSignatureByte(header, 5);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(tampered, CLAIMS));
        assertThat(e.reason()).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_missingIntermediate_untrustedChain(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        SigningIdentity leafOnly = SigningIdentity.create(
                setup.leaf().privateKey(), List.of(setup.leaf().certificate()), "leaf only");
        String header = RequestSigner.create(leafOnly, Clock.fixed(setup.now(), ZoneOffset.UTC))
                .sign(CLAIMS);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("CN=Example Signing Intermediate,O=Example");
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_expiredLeaf_certificateExpired(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        Instant end = setup.now().minus(Duration.ofDays(1));
        TestCertificate expired = setup.intermediate()
                .issue(LEAF_DN)
                .validity(end.minus(Duration.ofDays(10)), end)
                .build();
        String header = RequestSigner.create(expired.signingIdentity(), Clock.fixed(setup.now(), ZoneOffset.UTC))
                .sign(CLAIMS);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATE_EXPIRED);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_notYetValidLeaf_certificateNotYetValid(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        Instant start = setup.now().plus(Duration.ofDays(1));
        TestCertificate future = setup.intermediate()
                .issue(LEAF_DN)
                .validity(start, start.plus(Duration.ofDays(10)))
                .build();
        String header = RequestSigner.create(future.signingIdentity(), Clock.fixed(setup.now(), ZoneOffset.UTC))
                .sign(CLAIMS);

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATE_NOT_YET_VALID);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_untrustedRoot_untrustedChain(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);
        TestCertificate otherRoot = TestCertificates.builder("CN=Other Root")
                .keyType(KeyType.EC_P256)
                .ca()
                .build();

        IdentityException e = assertThrows(
                IdentityException.class, () -> setup.verifierTrusting(otherRoot).verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_malformedHeaders_malformedSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String valid = setup.signer().sign(CLAIMS);
        String[] parts = valid.split("\\.", -1);
        List<String> malformed = List.of(
                "not-a-jws",
                parts[0] + "." + parts[2],
                parts[0] + ".cGF5bG9hZA." + parts[2],
                parts[0] + ".." + parts[2] + ".extra",
                "!!!." + "." + parts[2],
                Base64URL.encode("[1,2]") + ".." + parts[2],
                parts[0] + "..",
                Jws.withHeader(valid, h -> h.remove("x5c")),
                Jws.withHeader(valid, h -> h.remove("nonce")),
                Jws.withHeader(valid, h -> h.put("iat", "yesterday")),
                Jws.withHeader(valid, h -> h.put("x5c", List.of("AAAA"))),
                Jws.withHeader(valid, h -> h.put("typ", "JWT")),
                Jws.withHeader(valid, h -> h.put("b64", false)));

        for (String header : malformed) {
            IdentityException e =
                    assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS), header);

            assertThat(e.reason()).as(header).isEqualTo(ReasonCode.MALFORMED_SIGNATURE);
        }
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_sameHeaderTwice_replayedNonce(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        RequestVerifier verifier = setup.verifier();
        String header = setup.signer().sign(CLAIMS);
        verifier.verify(header, CLAIMS);

        IdentityException e = assertThrows(IdentityException.class, () -> verifier.verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_signedOutsideWindow_staleSignature(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String old = setup.signerAt(setup.now().minus(Duration.ofMinutes(6))).sign(CLAIMS);
        String ahead = setup.signerAt(setup.now().plus(Duration.ofMinutes(6))).sign(CLAIMS);
        String skewed = setup.signerAt(setup.now().plus(Duration.ofMinutes(4))).sign(CLAIMS);

        IdentityException oldError =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(old, CLAIMS));
        IdentityException aheadError =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(ahead, CLAIMS));
        VerifiedIdentity withinWindow = setup.verifier().verify(skewed, CLAIMS);

        assertThat(oldError.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(oldError.getMessage()).contains("behind");
        assertThat(aheadError.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(aheadError.getMessage()).contains("ahead of");
        assertThat(withinWindow.canonicalDn()).isEqualTo(LEAF_DN);
    }

    @ParameterizedTest
    @MethodSource("setups")
    void verify_algorithmNotFittingKey_rejected(KeyType type, Store store) throws Exception {
        Setup setup = setup(type, store);
        String header = setup.signer().sign(CLAIMS);
        String wrongFamily = type.jwsAlgorithm().startsWith("ES") ? "PS256" : "ES256";
        String wrongCurve = type == KeyType.EC_P256 ? "ES384" : "ES512";

        for (String algorithm : List.of(wrongFamily, wrongCurve)) {
            if (algorithm.equals(type.jwsAlgorithm())) {
                continue;
            }
            String swapped = Jws.withHeader(header, h -> h.put("alg", algorithm));

            IdentityException e =
                    assertThrows(IdentityException.class, () -> setup.verifier().verify(swapped, CLAIMS));

            assertThat(e.reason()).as(algorithm).isEqualTo(ReasonCode.ALGORITHM_KEY_MISMATCH);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS256", "RS512", "ES256K", "Ed448"})
    void verify_unsupportedAlgorithm_rejected(String algorithm) throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);
        String swapped = Jws.withHeader(setup.signer().sign(CLAIMS), h -> h.put("alg", algorithm));

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(swapped, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void verify_nullOrEmptyHeader_missingSignature() throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);

        IdentityException absent =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(null, CLAIMS));
        IdentityException empty =
                assertThrows(IdentityException.class, () -> setup.verifier().verify("", CLAIMS));

        assertThat(absent.reason()).isEqualTo(ReasonCode.MISSING_SIGNATURE);
        assertThat(empty.reason()).isEqualTo(ReasonCode.MISSING_SIGNATURE);
    }

    @Test
    void verify_otherFormatVersion_unsupportedVersion() throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);
        String header = Jws.withHeader(setup.signer().sign(CLAIMS), h -> h.put("cbv", 2));

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNSUPPORTED_VERSION);
    }

    @Test
    void verify_paddedSignaturePart_malformed() throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);
        String padded = setup.signer().sign(CLAIMS) + "==";

        IdentityException e =
                assertThrows(IdentityException.class, () -> setup.verifier().verify(padded, CLAIMS));

        assertThat(e.reason()).isEqualTo(ReasonCode.MALFORMED_SIGNATURE);
        assertThat(e.getMessage()).contains("signature part", "without padding");
    }

    @Test
    void verify_headerLeniencies_rejected() throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);
        String jws = setup.signer().sign(CLAIMS);

        String b64 = Jws.withHeader(jws, h -> h.put("b64", true));
        String floatVersion = Jws.withHeader(jws, h -> h.put("cbv", 1.0));
        String floatTime = Jws.withHeader(jws, h -> h.put("iat", ((Number) h.get("iat")).doubleValue()));
        String paddedNonce = Jws.withHeader(jws, h -> h.put("nonce", h.get("nonce") + "=="));

        assertThat(reason(setup, b64)).isEqualTo(ReasonCode.MALFORMED_SIGNATURE);
        assertThat(reason(setup, floatVersion)).isEqualTo(ReasonCode.UNSUPPORTED_VERSION);
        assertThat(reason(setup, floatTime)).isEqualTo(ReasonCode.MALFORMED_SIGNATURE);
        assertThat(reason(setup, paddedNonce)).isEqualTo(ReasonCode.MALFORMED_SIGNATURE);
    }

    @Test
    void decodeCanonical_otherSpellings_rejected() throws Exception {
        // "QUI=" is "AB"; "QUJ=" decodes to the same bytes with non-zero spare bits, "QUI" lacks its padding.
        assertThat(JwsRequestVerifier.decodeCanonicalStandard("QUI=", "x")).containsExactly('A', 'B');
        assertThat(JwsRequestVerifier.decodeCanonicalUrl("QUI", "x")).containsExactly('A', 'B');

        for (String standard : List.of("QUJ=", "QUI", "QU I=", "QUI==")) {
            assertThrows(IdentityException.class, () -> JwsRequestVerifier.decodeCanonicalStandard(standard, "x"));
        }
        for (String url : List.of("QUJ", "QUI=", "QU+I", "QU/I")) {
            assertThrows(IdentityException.class, () -> JwsRequestVerifier.decodeCanonicalUrl(url, "x"));
        }
    }

    private static ReasonCode reason(Setup setup, String header) {
        return assertThrows(IdentityException.class, () -> setup.verifier().verify(header, CLAIMS))
                .reason();
    }

    @Test
    void verify_trustSwappedThroughSupplier_oldChainRejected() throws Exception {
        Setup setup = setup(KeyType.EC_P256, Store.PEM);
        TestCertificate newRoot = TestCertificates.builder("CN=New Root").ca().build();
        AtomicReference<ChainValidator> current = new AtomicReference<>(
                ChainValidator.create(TrustAnchors.of(List.of(setup.root().certificate()), "old")));
        RequestVerifier verifier = RequestVerifier.builder(current::get)
                .clock(Clock.fixed(setup.now(), ZoneOffset.UTC))
                .build();
        verifier.verify(setup.signer().sign(CLAIMS), CLAIMS);

        current.set(ChainValidator.create(TrustAnchors.of(List.of(newRoot.certificate()), "new")));

        IdentityException e = assertThrows(
                IdentityException.class, () -> verifier.verify(setup.signer().sign(CLAIMS), CLAIMS));
        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
    }

    @Test
    void sign_twice_differentNonces() throws Exception {
        RequestSigner signer = setup(KeyType.EC_P256, Store.PEM).signer();

        String first = signer.sign(CLAIMS);
        String second = signer.sign(CLAIMS);

        assertThat(Jws.header(first).get("nonce"))
                .isNotEqualTo(Jws.header(second).get("nonce"));
    }

    @Test
    void claims_toString_holdsNoCredentials() {
        RequestClaims claims = RequestClaims.of(
                "indices:data/read/search", "cluster-b", "ApiKey c2VjcmV0LWtleQ==", "subject", new byte[0]);

        assertThat(claims.toString()).doesNotContain("c2VjcmV0LWtleQ", "secret-key");
    }

    @Test
    void claims_invalidAction_rejected() {
        assertThrows(IllegalArgumentException.class, () -> claims("bad\"action", "{}"));
        assertThrows(IllegalArgumentException.class, () -> claims("bad\naction", "{}"));
        assertThrows(IllegalArgumentException.class, () -> claims("", "{}"));
    }

    private static RequestClaims claims(String action, String body) {
        return RequestClaims.of(
                action,
                "cluster-b",
                "ApiKey a2V5LWlkOmtleS1zZWNyZXQ=",
                "subject-info",
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes JWS headers apart and puts them back together, for tampering. */
    static final class Jws {
        private Jws() {}

        static Map<String, Object> header(String jws) throws Exception {
            return JSONObjectUtils.parse(new Base64URL(jws.split("\\.", -1)[0]).decodeToString());
        }

        static String withHeader(String jws, java.util.function.Consumer<Map<String, Object>> change) throws Exception {
            Map<String, Object> header = header(jws);
            change.accept(header);
            String[] parts = jws.split("\\.", -1);
            return Base64URL.encode(JSONObjectUtils.toJSONString(header)) + ".." + parts[2];
        }

        static String flipSignatureByte(String jws, int index) {
            String[] parts = jws.split("\\.", -1);
            byte[] signature = new Base64URL(parts[2]).decode();
            signature[index] ^= 0x01;
            return parts[0] + ".." + Base64URL.encode(signature);
        }

        /** Signs the same header and payload with another key, as an attacker holding only the chain would. */
        static String resign(String jws, RequestClaims claims, PrivateKey key) throws Exception {
            String[] parts = jws.split("\\.", -1);
            Map<String, Object> header = header(jws);
            SignatureAlgorithm algorithm =
                    SignatureAlgorithm.forJwsName((String) header.get("alg")).orElseThrow();
            byte[] payload = SignedPayload.encode(
                    claims, ((Number) header.get("iat")).longValue(), (String) header.get("nonce"));
            byte[] input = (parts[0] + "." + Base64URL.encode(payload)).getBytes(StandardCharsets.US_ASCII);
            return parts[0] + ".." + Base64URL.encode(JwsCrypto.sign(algorithm, key, input));
        }
    }
}
