package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.certbound.identity.testing.OperatorTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key material made with {@code openssl} and {@code keytool} exactly as operators make it: every PEM key form, curves,
 * keystores with several keys, and chains through an intermediate.
 */
class OperatorFilesIT {
    private static final String PREFIX = "cluster.remote.rc1.signing";
    private static final RequestClaims CLAIMS = RequestClaims.of(
            "indices:data/read/search",
            "cluster-b",
            "ApiKey a2lkOnNlY3JldA==",
            "subject",
            "{}".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;

    static OperatorTools tools;

    @BeforeAll
    static void makeChain() {
        assumeTrue(OperatorTools.opensslAvailable(), "openssl is not installed");
        tools = new OperatorTools(dir);
        tools.shell("openssl req -x509 -newkey rsa:3072 -nodes -keyout root.key -out root.pem -days 3650"
                + " -subj '/O=Example/CN=Example Root CA'"
                + " -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign'");
        tools.shell("openssl req -newkey rsa:3072 -nodes -keyout int.key -out int.csr"
                + " -subj '/O=Example/CN=Example Signing Intermediate'");
        tools.shell("printf 'basicConstraints=critical,CA:TRUE,pathlen:0\\nkeyUsage=critical,keyCertSign,cRLSign\\n'"
                + " > ca.ext");
        tools.shell("openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 1825"
                + " -extfile ca.ext -out int.pem");
        tools.shell("printf 'basicConstraints=critical,CA:FALSE\\nkeyUsage=critical,digitalSignature\\n' > leaf.ext");
        tools.shell("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout leaf.key -out leaf.csr"
                + " -subj '/O=Example/OU=Search/CN=node-1.example.com'");
        tools.shell("openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -days 90"
                + " -extfile leaf.ext -out leaf.pem");
        tools.shell("cat leaf.pem int.pem > leaf-chain.pem");
    }

    private static Path keyFor(String name, String command) {
        tools.shell(command);
        return tools.file(name);
    }

    /** Issues a leaf certificate for the key in {@code keyFile}, signed by the intermediate. */
    private static Path certificateFor(String keyFile, String name) {
        tools.shell("openssl req -new -key " + keyFile + " -out " + name + ".csr -subj '/O=Example/CN=" + name + "'");
        tools.shell("openssl x509 -req -in " + name + ".csr -CA int.pem -CAkey int.key -CAcreateserial -days 30"
                + " -extfile leaf.ext -out " + name + ".pem && cat " + name + ".pem int.pem > " + name + "-chain.pem");
        return tools.file(name + "-chain.pem");
    }

    private static RequestVerifier verifierTrusting(String... caFiles) throws Exception {
        List<Path> files = java.util.Arrays.stream(caFiles).map(tools::file).toList();
        ChainValidator validator = ChainValidator.create(TrustAnchors.fromPemFiles(files, "cluster.remote.signing"));
        return RequestVerifier.builder(() -> validator).build();
    }

    private static VerifiedIdentity signAndVerify(SigningIdentity identity, RequestVerifier verifier)
            throws IdentityException {
        return verifier.verify(RequestSigner.create(identity, Clock.systemUTC()).sign(CLAIMS), CLAIMS);
    }

    @Test
    void fromPem_everyOpensslKeyForm_accepted() throws Exception {
        RequestVerifier verifier = verifierTrusting("root.pem");
        List<String[]> forms = List.of(
                new String[] {"a.key", "openssl genrsa -traditional -out a.key 2048"},
                new String[] {"b.key", "openssl genpkey -algorithm RSA -out b.key"},
                new String[] {"c.key", "openssl ecparam -name prime256v1 -genkey -out c.key"},
                new String[] {"d.key", "openssl ecparam -name prime256v1 -genkey -noout -out d.key"});

        for (String[] form : forms) {
            Path key = keyFor(form[0], form[1]);
            Path chain = certificateFor(form[0], "leaf-" + form[0].charAt(0));

            SigningIdentity identity = KeyMaterialLoader.fromPem(chain, key, null, PREFIX);

            assertThat(signAndVerify(identity, verifier).canonicalDn())
                    .isEqualTo("CN=leaf-" + form[0].charAt(0) + ",O=Example");
        }
        assertThat(Files.readString(tools.file("a.key"))).contains("BEGIN RSA PRIVATE KEY");
        assertThat(Files.readString(tools.file("c.key"))).startsWith("-----BEGIN EC PARAMETERS-----");
    }

    @Test
    void fromPem_encryptedPkcs8_passphraseRules() throws Exception {
        keyFor("b2.key", "openssl genpkey -algorithm RSA -out b2.key");
        Path chain = certificateFor("b2.key", "leaf-e");
        Path key = keyFor("e.key", "openssl pkcs8 -topk8 -in b2.key -v2 aes-256-cbc -passout pass:changeit -out e.key");

        SigningIdentity identity = KeyMaterialLoader.fromPem(chain, key, "changeit".toCharArray(), PREFIX);
        KeyMaterialException wrong = assertThrows(
                KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(chain, key, "wrong".toCharArray(), PREFIX));
        KeyMaterialException missing =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(chain, key, null, PREFIX));

        assertThat(identity.canonicalDn()).isEqualTo("CN=leaf-e,O=Example");
        assertThat(wrong.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_PASSPHRASE);
        assertThat(wrong.getMessage()).contains("wrong passphrase for", key.toString());
        assertThat(missing.kind()).isEqualTo(KeyMaterialException.Kind.MISSING_PASSPHRASE);
        assertThat(missing.getMessage()).contains("cluster.remote.rc1.signing.secure_key_passphrase");
    }

    @Test
    void fromPem_legacyEncryptedRsa_rejectedWithConversionCommand() throws Exception {
        keyFor("a2.key", "openssl genrsa -traditional -out a2.key 2048");
        Path chain = certificateFor("a2.key", "leaf-f");
        Path key = keyFor("f.key", "openssl rsa -in a2.key -aes256 -traditional -passout pass:changeit -out f.key");

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(chain, key, "changeit".toCharArray(), PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.LEGACY_ENCRYPTED_PEM);
        assertThat(e.getMessage()).contains("openssl pkcs8 -topk8");
    }

    @Test
    void fromPem_certificateAsKey_rejectedNamingLabel() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(tools.file("leaf-chain.pem"), tools.file("leaf.pem"), null, PREFIX));

        assertThat(e.getMessage()).contains("expected a private key, found [CERTIFICATE]");
    }

    @Test
    void fromPem_otherCurves_signAndVerifyOrRejectAtLoad() throws Exception {
        RequestVerifier verifier = verifierTrusting("root.pem");
        for (String curve : List.of("P-384", "P-521")) {
            Path key = keyFor(
                    curve + ".key",
                    "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:" + curve + " -out " + curve + ".key");
            Path chain = certificateFor(curve + ".key", "leaf-" + curve);

            VerifiedIdentity identity = signAndVerify(KeyMaterialLoader.fromPem(chain, key, null, PREFIX), verifier);

            assertThat(identity.algorithm().jwsName()).isEqualTo(curve.equals("P-384") ? "ES384" : "ES512");
        }
        Path ed = keyFor("ed.key", "openssl genpkey -algorithm ed25519 -out ed.key");
        Path edChain = certificateFor("ed.key", "leaf-ed");
        assertThat(signAndVerify(KeyMaterialLoader.fromPem(edChain, ed, null, PREFIX), verifier)
                        .algorithm())
                .isEqualTo(SignatureAlgorithm.EDDSA);

        Path k1 = keyFor("k1.key", "openssl ecparam -name secp256k1 -genkey -noout -out k1.key");
        Path k1Chain = certificateFor("k1.key", "leaf-k1");
        KeyMaterialException e =
                assertThrows(KeyMaterialException.class, () -> KeyMaterialLoader.fromPem(k1Chain, k1, null, PREFIX));
        assertThat(e.getMessage()).contains("secp256k1");
    }

    @Test
    void fromKeystore_operatorStores_aliasRules() throws Exception {
        tools.shell("openssl pkcs12 -export -in leaf.pem -inkey leaf.key -certfile int.pem -name 'Signing-Key'"
                + " -passout pass:changeit -out s.p12");
        tools.shell("openssl pkcs12 -export -in root.pem -inkey root.key -name ca -passout pass:changeit -out ca.p12");
        tools.keytool(
                "-importkeystore",
                "-srckeystore",
                "ca.p12",
                "-srcstorepass",
                "changeit",
                "-destkeystore",
                "s.p12",
                "-deststorepass",
                "changeit",
                "-noprompt");
        Path store = tools.file("s.p12");
        char[] password = "changeit".toCharArray();

        KeyMaterialException noAlias = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(store, null, null, password, null, PREFIX));
        SigningIdentity mixedCase = KeyMaterialLoader.fromKeystore(store, null, "Signing-Key", password, null, PREFIX);
        SigningIdentity lowerCase = KeyMaterialLoader.fromKeystore(store, null, "signing-key", password, null, PREFIX);
        KeyMaterialException unknown = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(store, null, "signer", password, null, PREFIX));
        KeyMaterialException wrongKey = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(
                        store, null, "signing-key", password, "wrong".toCharArray(), PREFIX));

        assertThat(noAlias.getMessage()).contains("2 private keys [ca, signing-key]", PREFIX + ".keystore.alias");
        assertThat(mixedCase.leaf()).isEqualTo(lowerCase.leaf());
        assertThat(mixedCase.chain()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(mixedCase.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(unknown.getMessage()).contains("alias [signer] set in", "not found", "[ca, signing-key]");
        assertThat(wrongKey.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_KEY_PASSWORD);
    }

    @Test
    void verify_chainShapes_throughIntermediate() throws Exception {
        SigningIdentity withIntermediate =
                KeyMaterialLoader.fromPem(tools.file("leaf-chain.pem"), tools.file("leaf.key"), null, PREFIX);
        SigningIdentity leafOnly =
                KeyMaterialLoader.fromPem(tools.file("leaf.pem"), tools.file("leaf.key"), null, PREFIX);
        tools.shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key"
                + " -out other.pem -days 30 -subj '/CN=Unrelated CA'");
        tools.shell("cat leaf.pem other.pem > leaf-unrelated.pem");
        KeyMaterialException extra = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(
                        tools.file("leaf-unrelated.pem"), tools.file("leaf.key"), null, PREFIX));

        IdentityException missing =
                assertThrows(IdentityException.class, () -> signAndVerify(leafOnly, verifierTrusting("root.pem")));
        VerifiedIdentity accepted = signAndVerify(withIntermediate, verifierTrusting("root.pem"));
        VerifiedIdentity anchoredAtIntermediate = signAndVerify(withIntermediate, verifierTrusting("int.pem"));

        assertThat(missing.getMessage())
                .contains(
                        "issuer [CN=Example Signing Intermediate,O=Example]",
                        "trusted: [CN=Example Root CA,O=Example] (sha256=");
        assertThat(accepted.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(anchoredAtIntermediate.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(extra.kind()).isEqualTo(KeyMaterialException.Kind.NOT_A_SIGNING_CERTIFICATE);
        assertThat(extra.getMessage())
                .contains(
                        "leaf-unrelated.pem",
                        "[CN=Unrelated CA]",
                        "issuer [CN=Example Signing Intermediate,O=Example]");
    }

    @Test
    void verify_caRotation_overlapThenRemoval() throws Exception {
        tools.shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout rnew.key"
                + " -out r_new.pem -days 365 -subj '/CN=New Root CA'"
                + " -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign'");
        tools.shell("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout b.key -out b.csr"
                + " -subj '/CN=node-b'");
        tools.shell("openssl x509 -req -in b.csr -CA r_new.pem -CAkey rnew.key -CAcreateserial -days 30"
                + " -extfile leaf.ext -out b.pem");
        tools.shell("cat root.pem r_new.pem > bundle.pem");
        SigningIdentity a =
                KeyMaterialLoader.fromPem(tools.file("leaf-chain.pem"), tools.file("leaf.key"), null, PREFIX);
        SigningIdentity b = KeyMaterialLoader.fromPem(tools.file("b.pem"), tools.file("b.key"), null, PREFIX);

        for (RequestVerifier both :
                List.of(verifierTrusting("root.pem", "r_new.pem"), verifierTrusting("bundle.pem"))) {
            assertThat(signAndVerify(a, both).canonicalDn()).contains("node-1");
            assertThat(signAndVerify(b, both).canonicalDn()).isEqualTo("CN=node-b");
        }
        RequestVerifier newOnly = verifierTrusting("r_new.pem");
        IdentityException e = assertThrows(IdentityException.class, () -> signAndVerify(a, newOnly));

        assertThat(e.reason()).isEqualTo(ReasonCode.UNTRUSTED_CHAIN);
        assertThat(signAndVerify(b, newOnly).canonicalDn()).isEqualTo("CN=node-b");
    }

    @Test
    void fromPem_mismatchedPairDuringRotation_rejectedAtLoad() throws Exception {
        keyFor("new.key", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out new.key");

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromPem(tools.file("leaf-chain.pem"), tools.file("new.key"), null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.KEY_CERTIFICATE_MISMATCH);
        assertThat(e.getMessage()).contains("CN=node-1.example.com,OU=Search,O=Example", "sha256=");
    }

    @Test
    void fromPem_kubernetesSymlinkLayout_readsCurrentTarget() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("k8s"));
        Path first = Files.createDirectories(certs.resolve("..2026_01_01"));
        Files.copy(tools.file("leaf-chain.pem"), first.resolve("tls.crt"));
        Files.copy(tools.file("leaf.key"), first.resolve("tls.key"));
        Files.createSymbolicLink(certs.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(certs.resolve("tls.crt"), Path.of("..data/tls.crt"));
        Files.createSymbolicLink(certs.resolve("tls.key"), Path.of("..data/tls.key"));
        SigningIdentity before =
                KeyMaterialLoader.fromPem(certs.resolve("tls.crt"), certs.resolve("tls.key"), null, PREFIX);
        Path second = Files.createDirectories(certs.resolve("..2026_02_01"));
        Path newKey = keyFor(
                "rotated.key", "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out rotated.key");
        Files.copy(certificateFor("rotated.key", "node-rotated"), second.resolve("tls.crt"));
        Files.copy(newKey, second.resolve("tls.key"));
        tools.shell("cd k8s && ln -sfn ..2026_02_01 ..data_tmp && mv -T ..data_tmp ..data");

        SigningIdentity after =
                KeyMaterialLoader.fromPem(certs.resolve("tls.crt"), certs.resolve("tls.key"), null, PREFIX);

        assertThat(before.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(after.canonicalDn()).isEqualTo("CN=node-rotated,O=Example");
        assertThat(Instant.now()).isBefore(after.notAfter());
    }
}
