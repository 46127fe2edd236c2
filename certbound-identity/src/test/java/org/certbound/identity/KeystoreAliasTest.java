package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A PKCS#12 store that also contains the CA's key, as tool-made stores often do. */
class KeystoreAliasTest {
    private static final String PREFIX = "cluster.remote.rc1.signing";
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private TestCertificate root;
    private TestCertificate leaf;
    private Path store;

    @BeforeEach
    void writeStoreWithTwoKeys() {
        root = TestCertificates.builder("CN=Example Root CA,O=Example")
                .keyType(KeyType.RSA_3072)
                .ca()
                .build();
        TestCertificate intermediate =
                root.issue("CN=Example Signing Intermediate,O=Example").ca().build();
        leaf = intermediate
                .issue("CN=node-1.example.com,OU=Search,O=Example")
                .keyType(KeyType.EC_P256)
                .build();
        store = TestFiles.writeKeystore(
                dir.resolve("s.p12"),
                "PKCS12",
                STORE_PASSWORD,
                List.of(
                        new TestFiles.KeyEntry("Signing-Key", leaf.privateKey(), null, leaf.chain()),
                        new TestFiles.KeyEntry("ca", root.privateKey(), null, List.of(root.certificate()))));
    }

    @Test
    void fromKeystore_noAliasWithTwoKeys_listsAliasesAndSetting() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(store, null, null, STORE_PASSWORD, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.ALIAS_REQUIRED);
        assertThat(e.getMessage()).contains("2 private keys [ca, signing-key]", PREFIX + ".keystore.alias");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Signing-Key", "signing-key", "SIGNING-KEY"})
    void fromKeystore_aliasInAnyCase_loadsSameEntry(String alias) throws Exception {
        SigningIdentity identity = KeyMaterialLoader.fromKeystore(store, "PKCS12", alias, STORE_PASSWORD, null, PREFIX);

        assertThat(identity.canonicalDn()).isEqualTo("CN=node-1.example.com,OU=Search,O=Example");
        assertThat(identity.leaf()).isEqualTo(leaf.certificate());
    }

    @Test
    void fromKeystore_unknownAlias_listsAvailableAliases() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(store, null, "signer", STORE_PASSWORD, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.ALIAS_NOT_FOUND);
        assertThat(e.getMessage()).contains("alias [signer]", "not found", "available", "[ca, signing-key]");
    }

    @Test
    void fromKeystore_wrongKeyPassword_distinctFromWrongStorePassword() {
        Path separate = TestFiles.writeKeystore(
                dir.resolve("k.p12"),
                "PKCS12",
                STORE_PASSWORD,
                List.of(new TestFiles.KeyEntry(
                        "signing-key", leaf.privateKey(), "key-secret".toCharArray(), leaf.chain())));

        KeyMaterialException wrongKey = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(
                        separate, null, "signing-key", STORE_PASSWORD, "not-it".toCharArray(), PREFIX));
        KeyMaterialException wrongStore = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(
                        separate, null, "signing-key", "nope".toCharArray(), null, PREFIX));

        assertThat(wrongKey.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_KEY_PASSWORD);
        assertThat(wrongKey.getMessage()).contains("cannot recover key for alias [signing-key]", "wrong key password");
        assertThat(wrongStore.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_STORE_PASSWORD);
        assertThat(wrongStore.getMessage()).contains(PREFIX + ".keystore.secure_password");
    }

    @Test
    void fromKeystore_separateKeyPassword_loads() throws Exception {
        Path separate = TestFiles.writeKeystore(
                dir.resolve("k.jks"),
                "JKS",
                STORE_PASSWORD,
                List.of(new TestFiles.KeyEntry(
                        "signing-key", leaf.privateKey(), "key-secret".toCharArray(), leaf.chain())));

        SigningIdentity identity = KeyMaterialLoader.fromKeystore(
                separate, null, null, STORE_PASSWORD, "key-secret".toCharArray(), PREFIX);

        assertThat(identity.leaf()).isEqualTo(leaf.certificate());
    }

    @Test
    void fromKeystore_pemFileAsKeystore_reportsMalformed() {
        Path pem = TestFiles.writeCertificates(dir.resolve("x.p12"), leaf.chain());

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> KeyMaterialLoader.fromKeystore(pem, null, null, STORE_PASSWORD, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.MALFORMED_KEYSTORE);
        assertThat(e.getMessage()).contains(pem.toString(), PREFIX + ".keystore.path");
    }
}
