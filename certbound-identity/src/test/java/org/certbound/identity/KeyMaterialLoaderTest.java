package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.certbound.identity.testing.KeyFormat;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class KeyMaterialLoaderTest {
    private static final String PREFIX = "cluster.remote.rc1.signing";
    private static final char[] PASSPHRASE = "changeit-7Qx".toCharArray();

    @TempDir
    Path dir;

    static Stream<Arguments> keyTypesAndFormats() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (KeyType type : KeyType.values()) {
            cases.add(Arguments.of(type, KeyFormat.PKCS8));
            cases.add(Arguments.of(type, KeyFormat.PKCS8_ENCRYPTED));
            if (type == KeyType.RSA_2048 || type == KeyType.RSA_3072) {
                cases.add(Arguments.of(type, KeyFormat.PKCS1));
            }
            if (type.name().startsWith("EC_")) {
                cases.add(Arguments.of(type, KeyFormat.SEC1));
                cases.add(Arguments.of(type, KeyFormat.SEC1_WITH_PARAMETERS));
            }
        }
        return cases.build();
    }

    @ParameterizedTest
    @MethodSource("keyTypesAndFormats")
    void fromPem_supportedKeyFormat_loadsIdentity(KeyType type, KeyFormat format) throws Exception {
        List<TestCertificate> chain = TestCertificates.threeLevelChain(type, "CN=node-1.example.com,O=Example");
        TestCertificate leaf = chain.get(2);
        Path cert = TestFiles.writeCertificates(dir.resolve("chain.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("key.pem"), leaf.privateKey(), format, PASSPHRASE);

        SigningIdentity identity =
                KeyMaterialLoader.fromPem(cert, key, format == KeyFormat.PKCS8_ENCRYPTED ? PASSPHRASE : null, PREFIX);

        assertThat(identity.algorithm().jwsName()).isEqualTo(type.jwsAlgorithm());
        assertThat(identity.canonicalDn()).isEqualTo("CN=node-1.example.com,O=Example");
        assertThat(identity.chain()).containsExactlyElementsOf(leaf.chain());
        assertThat(identity.fingerprint()).isEqualTo(CertificateFingerprint.sha256Hex(leaf.certificate()));
        assertThat(identity.notAfter())
                .isEqualTo(leaf.chain().stream()
                        .map(c -> c.getNotAfter().toInstant())
                        .min(Instant::compareTo)
                        .orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void fromKeystore_pkcs12AndJks_loadIdentity(KeyType type) throws Exception {
        TestCertificate leaf =
                TestCertificates.threeLevelChain(type, "CN=node-1,O=Example").get(2);
        for (String storeType : List.of("PKCS12", "JKS")) {
            Path store = TestFiles.writeKeystore(
                    dir.resolve("s." + storeType.toLowerCase()),
                    storeType,
                    PASSPHRASE,
                    List.of(new TestFiles.KeyEntry("signing", leaf.privateKey(), null, leaf.chain())));

            SigningIdentity identity = KeyMaterialLoader.fromKeystore(store, null, null, PASSPHRASE, null, PREFIX);

            assertThat(identity.algorithm().jwsName()).isEqualTo(type.jwsAlgorithm());
            assertThat(identity.chain()).containsExactlyElementsOf(leaf.chain());
        }
    }

    @Test
    void fromPem_encryptedKeyWrongPassphrase_reportsWrongPassphrase() {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8_ENCRYPTED, PASSPHRASE);

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(cert, key, "wrong-guess".toCharArray(), PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_PASSPHRASE);
        assertThat(e.getMessage()).contains("wrong passphrase", key.toString(), PREFIX + ".secure_key_passphrase");
        assertThat(e.getMessage()).doesNotContain("wrong-guess");
    }

    @Test
    void fromPem_encryptedKeyWithoutPassphrase_namesPassphraseSetting() {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8_ENCRYPTED, PASSPHRASE);

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MISSING_PASSPHRASE);
        assertThat(e.getMessage()).contains("cluster.remote.rc1.signing.secure_key_passphrase", key.toString());
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyType.class,
            names = {"RSA_2048", "EC_P256"})
    void fromPem_legacyEncryptedKey_rejectedWithConversionCommand(KeyType type) {
        TestCertificate leaf =
                TestCertificates.builder("CN=node-1").keyType(type).build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.LEGACY_ENCRYPTED, PASSPHRASE);

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, PASSPHRASE, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.LEGACY_ENCRYPTED_PEM);
        assertThat(e.getMessage()).contains("openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + key, PREFIX + ".key");
    }

    @Test
    void fromPem_certificateGivenAsKey_namesFoundLabel() {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, cert, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.UNEXPECTED_PEM_TYPE);
        assertThat(e.getMessage()).contains("expected a private key, found [CERTIFICATE]", cert.toString());
    }

    @Test
    void fromPem_keyGivenAsCertificate_namesFoundLabel() {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8, null);

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(key, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.UNEXPECTED_PEM_TYPE);
        assertThat(e.getMessage()).contains("expected a CERTIFICATE block", "[PRIVATE KEY]", PREFIX + ".certificate");
    }

    @Test
    void fromPem_keyOfAnotherCertificate_mismatch() {
        TestCertificate leaf = TestCertificates.builder("CN=node-1,O=Example").build();
        TestCertificate other = TestCertificates.builder("CN=node-1,O=Example").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), other.privateKey(), KeyFormat.PKCS8, null);

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.KEY_CERTIFICATE_MISMATCH);
        assertThat(e.getMessage())
                .contains("[CN=node-1,O=Example]", CertificateFingerprint.sha256Hex(leaf.certificate()));
        assertThat(e.getMessage())
                .doesNotContain(
                        Base64.getEncoder().encodeToString(other.privateKey().getEncoded()));
    }

    @Test
    void fromPem_rsaKeyForEcCertificate_reportsMismatch() {
        TestCertificate leaf =
                TestCertificates.builder("CN=node-1").keyType(KeyType.EC_P256).build();
        TestCertificate rsa =
                TestCertificates.builder("CN=node-1").keyType(KeyType.RSA_2048).build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), rsa.privateKey(), KeyFormat.PKCS8, null);

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.KEY_CERTIFICATE_MISMATCH);
    }

    @Test
    void fromPem_missingFile_namesPathAndSetting() {
        Path missing = dir.resolve("absent.pem");

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(missing, missing, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.FILE_UNREADABLE);
        assertThat(e.getMessage()).contains(missing.toString(), PREFIX + ".certificate", "does not exist");
    }

    @Test
    void fromPem_derFile_suggestsConversion() throws Exception {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path der = Files.write(dir.resolve("c.der"), leaf.certificate().getEncoded());

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(der, der, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MALFORMED_PEM);
        assertThat(e.getMessage()).contains("openssl x509 -inform DER");
    }

    @Test
    void fromPem_bomCrlfAndJunk_accepted() throws Exception {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8, null);
        String certText = Files.readString(cert).replace("\n", "\r\n").strip();
        Files.writeString(cert, "\uFEFFsubject=CN = node-1\r\n" + certText, StandardCharsets.UTF_8);
        Files.writeString(key, Files.readString(key).strip() + "\ntrailing notes\n");

        SigningIdentity identity = KeyMaterialLoader.fromPem(cert, key, null, PREFIX);

        assertThat(identity.canonicalDn()).isEqualTo("CN=node-1");
    }

    @Test
    void fromPem_twoKeysInFile_rejected() throws Exception {
        TestCertificate leaf = TestCertificates.builder("CN=node-1").build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8, null);
        Files.writeString(key, Files.readString(key) + Files.readString(key));

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MULTIPLE_KEYS);
    }

    @Test
    void fromPem_rsa1024_rejectedAsWeak() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        TestCertificate leaf = TestCertificates.builder("CN=node-1")
                .keyType(KeyType.RSA_2048)
                .keyPair(generator.generateKeyPair())
                .build();
        Path cert = TestFiles.writeCertificates(dir.resolve("c.pem"), leaf.chain());
        Path key = TestFiles.writeKey(dir.resolve("k.pem"), leaf.privateKey(), KeyFormat.PKCS8, null);

        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(cert, key, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.WEAK_KEY);
        assertThat(e.getMessage()).contains("1024 bits", "2048");
    }

    @Test
    void create_secp256k1Key_rejectedNamingCurve() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        TestCertificate root = TestCertificates.builder("CN=Root").ca().build();
        TestCertificate leaf = root.issue("CN=node-k1")
                .keyType(KeyType.EC_P256)
                .keyPair(generator.generateKeyPair())
                .build();

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> SigningIdentity.create(leaf.privateKey(), leaf.chain(), "test"));

        assertThat(e.kind())
                .isIn(KeyMaterialException.Kind.UNSUPPORTED_CURVE, KeyMaterialException.Kind.UNSUPPORTED_KEY_TYPE);
        assertThat(e.getMessage()).contains("secp256k1");
    }

    @Test
    void close_thenSign_throwsIllegalState() throws Exception {
        SigningIdentity identity = TestCertificates.builder("CN=node-1").build().signingIdentity();

        identity.close();

        assertThatThrownBy(identity::privateKey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toString_neverPrintsKey() throws Exception {
        TestCertificate leaf =
                TestCertificates.builder("CN=node-1").keyType(KeyType.RSA_2048).build();
        SigningIdentity identity = leaf.signingIdentity();

        String text = identity.toString();

        assertThat(text).contains("PS256", "CN=node-1", identity.fingerprint());
        assertThat(text)
                .doesNotContain(
                        Base64.getEncoder().encodeToString(leaf.privateKey().getEncoded()));
        assertThat(text).doesNotContain("modulus", "private exponent");
    }
}
