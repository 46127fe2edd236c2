package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.certbound.identity.testing.TestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsKeyManagersTest {
    private static final String PREFIX = "xpack.security.remote_cluster_server.ssl";
    private static final char[] STORE_PASSWORD = "store-password".toCharArray();

    @TempDir
    Path dir;

    private TestCertificate root;
    private TestCertificate server;
    private Path store;

    @BeforeEach
    void writeStoreWithServerAndCaKeys() {
        root = TestCertificates.builder("CN=TLS Root CA,O=Example").ca().build();
        server = root.issue("CN=remote-node,O=Example")
                .keyType(KeyType.EC_P256)
                .dnsNames("localhost")
                .build();
        store = TestFiles.writeKeystore(
                dir.resolve("server.p12"),
                "PKCS12",
                STORE_PASSWORD,
                List.of(
                        new TestFiles.KeyEntry("remote-node", server.privateKey(), null, server.chain()),
                        new TestFiles.KeyEntry("ca", root.privateKey(), null, List.of(root.certificate()))));
    }

    private static X509KeyManager x509(KeyManagerFactory factory) {
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new AssertionError("the factory returned no X509KeyManager");
    }

    @Test
    void fromKeystore_aliasSelected_presentsOnlyThatEntry() throws Exception {
        KeyManagerFactory factory =
                TlsKeyManagers.fromKeystore(store, null, "remote-node", STORE_PASSWORD, null, PREFIX);

        X509KeyManager manager = x509(factory);
        String[] aliases = manager.getServerAliases("EC", null);
        assertThat(aliases).hasSize(1);
        X509Certificate[] chain = manager.getCertificateChain(aliases[0]);
        assertThat(chain[0]).isEqualTo(server.certificate());
        assertThat(manager.getServerAliases("RSA", null)).isNullOrEmpty();
    }

    @Test
    void fromKeystore_twoKeysNoAlias_isRejected() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> TlsKeyManagers.fromKeystore(store, null, null, STORE_PASSWORD, null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.ALIAS_REQUIRED);
        assertThat(e.getMessage()).contains(PREFIX + ".keystore.alias", "[ca, remote-node]");
    }

    @Test
    void fromKeystore_wrongPassword_namesPasswordSetting() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> TlsKeyManagers.fromKeystore(
                        store, null, "remote-node", "wrong-password".toCharArray(), null, PREFIX));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_STORE_PASSWORD);
        assertThat(e.getMessage()).contains(PREFIX + ".keystore.secure_password", store.toString());
        assertThat(e.getMessage()).doesNotContain("wrong-password");
    }
}
