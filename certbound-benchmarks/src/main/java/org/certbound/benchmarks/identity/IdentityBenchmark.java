package org.certbound.benchmarks.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.certbound.identity.ChainValidator;
import org.certbound.identity.RequestClaims;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.RequestVerifier;
import org.certbound.identity.SigningIdentity;
import org.certbound.identity.TrustAnchors;
import org.certbound.identity.VerifiedIdentity;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verification of cross-cluster requests, against an Elasticsearch-style baseline and the bare primitive.
 *
 * <ul>
 *   <li>{@code sign}: {@link RequestSigner#sign}, one private-key operation plus header building.
 *   <li>{@code verifyWarm}: {@link RequestVerifier#verify} with the chain validation cached, the steady state.
 *   <li>{@code verifyCold}: the same with chain caching off and 1024 distinct leaf certificates in rotation, so every
 *       request parses certificates and runs PKIX, and the JDK's own certificate caches mostly miss.
 *   <li>{@code baselineEsPerRequest}: what Elasticsearch 9.3 does per request: decode the chain, parse every
 *       certificate, {@code checkClientTrusted}, {@code checkValidity}, and {@code Signature.verify} with the JDK's
 *       default provider. The chain bytes repeat, which is its steady state.
 *   <li>{@code bareVerifyJdk} and {@code bareVerifyBouncyCastle}: {@code Signature.getInstance}, init, update and
 *       verify over a signing input of the same size, with no other work. The BouncyCastle variant uses a key converted
 *       to BouncyCastle's own class once, as the verifier does.
 * </ul>
 *
 * <p>Headers are signed at setup; every 4096 verifications a fresh verifier replaces the old one, so that nonces do
 * not repeat within one verifier.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgs = {"-Xms1g", "-Xmx1g"})
public class IdentityBenchmark {
    private static final int POOL = 4096;
    private static final int COLD_LEAVES = 1024;
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    @Param({"RSA_2048", "EC_P256", "ED25519"})
    public String keyType;

    private final Instant now = Instant.now();
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private RequestClaims claims;
    private RequestSigner signer;
    private ChainValidator warmValidator;
    private ChainValidator coldValidator;
    private String[] warmHeaders;
    private String[] coldHeaders;
    private RequestVerifier warmVerifier;
    private RequestVerifier coldVerifier;
    private int warmIndex;
    private int coldIndex;

    private String esChainHeader;
    private byte[] esPayload;
    private byte[] esSignature;
    private X509TrustManager esTrustManager;
    private String jcaAlgorithm;
    private PublicKey leafKey;
    private PublicKey bouncyCastleLeafKey;

    @Setup
    public void setUp() throws Exception {
        KeyType type = KeyType.valueOf(keyType);
        List<TestCertificate> chain = TestCertificates.threeLevelChain(type, "CN=inst-1.node.abc123.cluster.org789");
        TestCertificate intermediate = chain.get(1);
        TestCertificate leaf = chain.get(2);
        claims = RequestClaims.of(
                "indices:data/read/search",
                "cluster-b",
                "ApiKey " + "a".repeat(56),
                "s".repeat(2000),
                "{\"query\":{\"match_all\":{}}}".getBytes(StandardCharsets.UTF_8));
        SigningIdentity identity = leaf.signingIdentity();
        signer = RequestSigner.create(identity, clock);

        TrustAnchors trust = TrustAnchors.of(List.of(chain.get(0).certificate()), "benchmark root");
        warmValidator = ChainValidator.create(trust);
        coldValidator = ChainValidator.create(trust, 0, Duration.ZERO);
        warmHeaders = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            warmHeaders[i] = signer.sign(claims);
        }
        coldHeaders = coldHeaders(intermediate, leaf);
        warmVerifier = newVerifier(warmValidator);
        coldVerifier = newVerifier(coldValidator);
        setUpBaseline(chain, leaf);
    }

    private String[] coldHeaders(TestCertificate intermediate, TestCertificate leaf) throws Exception {
        List<RequestSigner> signers = new ArrayList<>();
        for (int i = 0; i < COLD_LEAVES; i++) {
            TestCertificate variant = intermediate
                    .issue("CN=inst-1.node.abc123.cluster.org789")
                    .keyPair(leaf.keyPair())
                    .build();
            signers.add(RequestSigner.create(variant.signingIdentity(), clock));
        }
        String[] headers = new String[POOL];
        for (int i = 0; i < POOL; i++) {
            headers[i] = signers.get(i % COLD_LEAVES).sign(claims);
        }
        return headers;
    }

    private RequestVerifier newVerifier(ChainValidator validator) {
        return RequestVerifier.builder(() -> validator)
                .clock(clock)
                .nonceCacheSize(POOL)
                .build();
    }

    private void setUpBaseline(List<TestCertificate> chain, TestCertificate leaf) throws Exception {
        StringBuilder encoded = new StringBuilder();
        for (X509Certificate certificate : leaf.chainWithRoot()) {
            encoded.append(Base64.getEncoder().encodeToString(certificate.getEncoded()))
                    .append(',');
        }
        esChainHeader = encoded.toString();
        esPayload = ("s".repeat(2000) + "\nApiKey " + "a".repeat(56)).getBytes(StandardCharsets.UTF_8);
        jcaAlgorithm = switch (leaf.keyType()) {
            case RSA_2048, RSA_3072 -> "SHA256withRSA";
            case ED25519 -> "Ed25519";
            default -> "SHA256withECDSA";
        };
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initSign(leaf.privateKey());
        signature.update(esPayload);
        esSignature = signature.sign();
        leafKey = leaf.certificate().getPublicKey();
        bouncyCastleLeafKey = toBouncyCastle(leafKey);

        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", chain.get(0).certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(anchors);
        esTrustManager = (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Benchmark
    public String sign() {
        return signer.sign(claims);
    }

    @Benchmark
    public VerifiedIdentity verifyWarm() throws Exception {
        if (warmIndex == POOL) {
            warmIndex = 0;
            warmVerifier = newVerifier(warmValidator);
        }
        return warmVerifier.verify(warmHeaders[warmIndex++], claims);
    }

    @Benchmark
    public VerifiedIdentity verifyCold() throws Exception {
        if (coldIndex == POOL) {
            coldIndex = 0;
            coldVerifier = newVerifier(coldValidator);
        }
        return coldVerifier.verify(coldHeaders[coldIndex++], claims);
    }

    @Benchmark
    public boolean baselineEsPerRequest() throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        String[] parts = esChainHeader.split(",");
        X509Certificate[] presented = new X509Certificate[parts.length];
        for (int i = 0; i < parts.length; i++) {
            presented[i] = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(parts[i])));
        }
        esTrustManager.checkClientTrusted(presented, presented[0].getPublicKey().getAlgorithm());
        presented[0].checkValidity();
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initVerify(presented[0].getPublicKey());
        signature.update(esPayload);
        return signature.verify(esSignature);
    }

    @Benchmark
    public boolean bareVerifyJdk() throws Exception {
        Signature signature = Signature.getInstance(jcaAlgorithm);
        signature.initVerify(leafKey);
        signature.update(esPayload);
        return signature.verify(esSignature);
    }

    @Benchmark
    public boolean bareVerifyBouncyCastle() throws Exception {
        Signature signature = Signature.getInstance(jcaAlgorithm, BOUNCY_CASTLE);
        signature.initVerify(bouncyCastleLeafKey);
        signature.update(esPayload);
        return signature.verify(esSignature);
    }

    /** Converts the key once, as the verifier does per cached chain; BouncyCastle converts a JDK key on every init. */
    private static PublicKey toBouncyCastle(PublicKey key) throws Exception {
        String algorithm =
                key.getAlgorithm().equals("RSA") ? "RSA" : key.getAlgorithm().equals("EC") ? "EC" : "Ed25519";
        return KeyFactory.getInstance(algorithm, BOUNCY_CASTLE)
                .generatePublic(new X509EncodedKeySpec(key.getEncoded()));
    }
}
