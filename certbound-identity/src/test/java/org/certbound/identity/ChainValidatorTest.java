package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainValidatorTest {
    @TempDir
    Path dir;

    private TestCertificate root;
    private TestCertificate intermediate;
    private TestCertificate leaf;
    private ChainValidator validator;

    @BeforeEach
    void makeChain() {
        List<TestCertificate> chain =
                TestCertificates.threeLevelChain(KeyType.EC_P256, "CN=node-1.example.com,OU=Search,O=Example");
        root = chain.get(0);
        intermediate = chain.get(1);
        leaf = chain.get(2);
        validator = ChainValidator.create(TrustAnchors.of(List.of(root.certificate()), "test roots"));
    }

    @Test
    void validate_leafAndIntermediate_returnsLeafAsEndEntity() throws Exception {
        ValidatedChain validated = validator.validate(leaf.chain(), Instant.now());

        assertThat(validated.leaf()).isEqualTo(leaf.certificate());
        assertThat(validated.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(validated.trustAnchor()).isEqualTo(root.certificate());
        assertThat(validated.path()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void validate_leafOnly_namesMissingIssuer() {
        IdentityException e = assertThrows(
                IdentityException.class, () -> validator.validate(List.of(leaf.certificate()), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage())
                .contains(
                        "issuer [CN=Example Signing Intermediate,O=Example]",
                        "not provided",
                        "trusted: [CN=Example Root CA,O=Example] (sha256="
                                + CertificateFingerprint.sha256Hex(root.certificate()),
                        "intermediate");
    }

    @Test
    void validate_unrelatedExtraCertificate_namesRealMissingIssuer() {
        TestCertificate unrelated =
                TestCertificates.builder("CN=Unrelated CA,O=Other").ca().build();

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> validator.validate(List.of(leaf.certificate(), unrelated.certificate()), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("issuer [CN=Example Signing Intermediate,O=Example]");
    }

    @Test
    void validate_intermediateAsAnchor_accepted() throws Exception {
        ChainValidator intermediateOnly =
                ChainValidator.create(TrustAnchors.of(List.of(intermediate.certificate()), "intermediate"));

        ValidatedChain validated = intermediateOnly.validate(leaf.chain(), Instant.now());

        assertThat(validated.trustAnchor()).isEqualTo(intermediate.certificate());
        assertThat(validated.path()).containsExactly(leaf.certificate());
    }

    @Test
    void validate_untrustedRoot_rejected() {
        ChainValidator other = ChainValidator.create(TrustAnchors.of(
                List.of(TestCertificates.builder("CN=Other Root").ca().build().certificate()), "other"));

        IdentityException e =
                assertThrows(IdentityException.class, () -> other.validate(leaf.chainWithRoot(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("self-signed", "CN=Example Root CA,O=Example", "CN=Other Root");
    }

    @Test
    void validate_forgedIntermediateWithSameName_rejected() {
        TestCertificate forgedRoot =
                TestCertificates.builder("CN=Example Root CA,O=Example").ca().build();
        TestCertificate forged = forgedRoot
                .issue("CN=Example Signing Intermediate,O=Example")
                .ca()
                .build();
        TestCertificate forgedLeaf =
                forged.issue("CN=node-1.example.com,OU=Search,O=Example").build();

        IdentityException e =
                assertThrows(IdentityException.class, () -> validator.validate(forgedLeaf.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
    }

    @Test
    void validate_expiredLeaf_givesDatesAndClock() {
        Instant now = Instant.now();
        Instant end = now.minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestCertificate expired = intermediate
                .issue("CN=old")
                .validity(end.minus(Duration.ofDays(5)), end)
                .build();

        IdentityException e = assertThrows(IdentityException.class, () -> validator.validate(expired.chain(), now));

        assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATE_EXPIRED);
        assertThat(e.getMessage()).contains("CN=old", end.toString(), "clock reads [" + now + "]");
    }

    @Test
    void validate_notYetValidLeaf_givesDatesAndClock() {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestCertificate future = intermediate
                .issue("CN=future")
                .validity(start, start.plus(Duration.ofDays(10)))
                .build();

        IdentityException e =
                assertThrows(IdentityException.class, () -> validator.validate(future.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATE_NOT_YET_VALID);
        assertThat(e.getMessage()).contains("CN=future", start.toString(), "clock");
    }

    @Test
    void validate_sha1SignedLeaf_rejectedAsWeak() {
        TestCertificate rsaRoot = TestCertificates.builder("CN=RSA Root")
                .keyType(KeyType.RSA_2048)
                .ca()
                .build();
        TestCertificate sha1Leaf =
                rsaRoot.issue("CN=sha1").signatureAlgorithm("SHA1withRSA").build();
        ChainValidator rsaTrust = ChainValidator.create(TrustAnchors.of(List.of(rsaRoot.certificate()), "rsa"));

        IdentityException e =
                assertThrows(IdentityException.class, () -> rsaTrust.validate(sha1Leaf.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.WEAK_ALGORITHM);
        assertThat(e.getMessage()).contains("SHA1withRSA");
    }

    @Test
    void validate_md5SignedLeaf_rejectedAsWeak() {
        TestCertificate rsaRoot = TestCertificates.builder("CN=RSA Root")
                .keyType(KeyType.RSA_2048)
                .ca()
                .build();
        TestCertificate md5Leaf =
                rsaRoot.issue("CN=md5").signatureAlgorithm("MD5withRSA").build();
        ChainValidator rsaTrust = ChainValidator.create(TrustAnchors.of(List.of(rsaRoot.certificate()), "rsa"));

        IdentityException e =
                assertThrows(IdentityException.class, () -> rsaTrust.validate(md5Leaf.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.WEAK_ALGORITHM);
    }

    @Test
    void validate_rsa1024Leaf_rejectedAsWeak() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        TestCertificate small = intermediate
                .issue("CN=small")
                .keyType(KeyType.RSA_2048)
                .keyPair(generator.generateKeyPair())
                .build();

        IdentityException e =
                assertThrows(IdentityException.class, () -> validator.validate(small.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.WEAK_ALGORITHM);
    }

    @Test
    void validate_leafWithoutDigitalSignatureUsage_rejected() {
        TestCertificate encipherOnly =
                intermediate.issue("CN=enc").keyUsage(KeyUsage.keyAgreement).build();

        IdentityException e =
                assertThrows(IdentityException.class, () -> validator.validate(encipherOnly.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.KEY_USAGE_NOT_PERMITTED);
    }

    @Test
    void validate_intermediateNotCa_rejectedByPkix() {
        TestCertificate notCa = root.issue("CN=Not A CA").build();
        TestCertificate below = notCa.issue("CN=below").build();

        IdentityException e =
                assertThrows(IdentityException.class, () -> validator.validate(below.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("path validation failed");
    }

    @Test
    void validate_emptyTrust_failsClosed() {
        ChainValidator none = ChainValidator.create(TrustAnchors.empty());

        IdentityException e = assertThrows(IdentityException.class, () -> none.validate(leaf.chain(), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.NO_TRUST_CONFIGURED);
    }

    @Test
    void validate_secondCall_servedFromCache() throws Exception {
        ValidatedChain first = validator.validate(leaf.chain(), Instant.now());

        ValidatedChain second = validator.validate(leaf.chain(), Instant.now());

        assertThat(second).isSameAs(first);
        assertThat(validator.cachedChains()).isEqualTo(1);
    }

    @Test
    void validate_cachedChainAfterNotAfter_rejectedAsExpired() throws Exception {
        validator.validate(leaf.chain(), Instant.now());
        Instant later = leaf.certificate().getNotAfter().toInstant().plusSeconds(1);

        IdentityException e = assertThrows(IdentityException.class, () -> validator.validate(leaf.chain(), later));

        assertThat(e.reason()).isEqualTo(ReasonCode.CERTIFICATE_EXPIRED);
    }

    @Test
    void validate_cacheDisabled_validatesEachTime() throws Exception {
        ChainValidator uncached = ChainValidator.create(validator.trustAnchors(), 0, Duration.ofHours(1));

        ValidatedChain first = uncached.validate(leaf.chain(), Instant.now());
        ValidatedChain second = uncached.validate(leaf.chain(), Instant.now());

        assertThat(second).isNotSameAs(first);
        assertThat(uncached.cachedChains()).isZero();
    }

    @Test
    void fromPemFiles_severalFilesAndBundle_trustBoth() throws Exception {
        TestCertificate otherRoot =
                TestCertificates.builder("CN=New Root,O=Example").ca().build();
        TestCertificate otherLeaf = otherRoot.issue("CN=node-2").build();
        Path first = TestFiles.writeCertificates(dir.resolve("old.pem"), List.of(root.certificate()));
        Path second = TestFiles.writeCertificates(dir.resolve("new.pem"), List.of(otherRoot.certificate()));
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), Files.readString(first) + Files.readString(second));

        for (List<Path> files : List.of(List.of(first, second), List.of(bundle))) {
            ChainValidator both = ChainValidator.create(TrustAnchors.fromPemFiles(files, "cluster.remote.signing"));

            assertThat(both.validate(leaf.chain(), Instant.now()).leaf()).isEqualTo(leaf.certificate());
            assertThat(both.validate(otherLeaf.chain(), Instant.now()).leaf()).isEqualTo(otherLeaf.certificate());
            assertThat(both.trustAnchors().subjects())
                    .containsExactly("CN=Example Root CA,O=Example", "CN=New Root,O=Example");
        }
    }

    @Test
    void fromPemFiles_emptyList_rejected() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> TrustAnchors.fromPemFiles(List.of(), "cluster.remote.signing"));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.EMPTY_TRUST);
        assertThat(e.getMessage()).contains("cluster.remote.signing.certificate_authorities");
    }

    @Test
    void fromTruststore_trustedEntries_loaded() throws Exception {
        Path store = TestFiles.writeKeystore(
                dir.resolve("trust.p12"), "PKCS12", "changeit".toCharArray(), List.of(), List.of(root.certificate()));

        TrustAnchors trust =
                TrustAnchors.fromTruststore(store, null, "changeit".toCharArray(), "cluster.remote.signing");

        assertThat(trust.certificates()).containsExactly(root.certificate());
        assertThat(trust.fingerprints()).containsExactly(CertificateFingerprint.sha256Hex(root.certificate()));
    }

    @Test
    void fromTruststore_onlyKeyEntries_rejectedAsEmpty() {
        Path store = TestFiles.writeKeystore(
                dir.resolve("keys.p12"),
                "PKCS12",
                "changeit".toCharArray(),
                List.of(new TestFiles.KeyEntry("k", leaf.privateKey(), null, leaf.chain())));

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> TrustAnchors.fromTruststore(store, null, "changeit".toCharArray(), "cluster.remote.signing"));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.EMPTY_TRUST);
        assertThat(e.getMessage()).contains("cluster.remote.signing.truststore.path");
    }

    @Test
    void validate_trailingRoot_accepted() throws Exception {
        ValidatedChain validated = validator.validate(leaf.chainWithRoot(), Instant.now());

        assertThat(validated.path()).containsExactly(leaf.certificate(), intermediate.certificate());
    }

    @Test
    void validate_unrelatedAfterChain_rejected() {
        TestCertificate unrelated =
                TestCertificates.builder("CN=Unrelated CA,O=Other").ca().build();
        List<java.security.cert.X509Certificate> presented =
                List.of(leaf.certificate(), intermediate.certificate(), unrelated.certificate());

        IdentityException e = assertThrows(IdentityException.class, () -> validator.validate(presented, Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("certificate 2 of the chain", "CN=Unrelated CA", "issuing order");
    }

    @Test
    void validate_unrelatedBeforeIntermediate_rejected() {
        TestCertificate unrelated =
                TestCertificates.builder("CN=Unrelated CA,O=Other").ca().build();
        List<java.security.cert.X509Certificate> presented =
                List.of(leaf.certificate(), unrelated.certificate(), intermediate.certificate());

        IdentityException e = assertThrows(IdentityException.class, () -> validator.validate(presented, Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(e.getMessage()).contains("certificate 1 of the chain");
    }

    @Test
    void validate_afterSelfSignedRoot_rejected() {
        List<java.security.cert.X509Certificate> presented =
                List.of(leaf.certificate(), intermediate.certificate(), root.certificate(), root.certificate());

        IdentityException e = assertThrows(IdentityException.class, () -> validator.validate(presented, Instant.now()));

        assertThat(e.getMessage()).contains("is self-signed, so nothing may follow it");
    }

    @Test
    void validate_caCertificateAsLeaf_rejected() {
        TestCertificate caLeaf = TestCertificates.builder("CN=node-1.example.com,OU=Search,O=Example")
                .issuer(intermediate)
                .ca()
                .build();

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> validator.validate(List.of(caLeaf.certificate(), intermediate.certificate()), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.KEY_USAGE_NOT_PERMITTED);
        assertThat(e.getMessage()).contains("is a CA certificate", "CA:TRUE");
    }

    @Test
    void validate_trustAnchorItselfAsLeaf_rejected() {
        IdentityException e = assertThrows(
                IdentityException.class, () -> validator.validate(List.of(root.certificate()), Instant.now()));

        assertThat(e.reason()).isEqualTo(ReasonCode.KEY_USAGE_NOT_PERMITTED);
    }
}
