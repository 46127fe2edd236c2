package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import org.certbound.identity.testing.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoresTest {
    private static final String PATH_SETTING = "cluster.remote.signing.truststore.path";
    private static final String PASSWORD_SETTING = "cluster.remote.signing.truststore.secure_password";

    @TempDir
    Path dir;

    private Path store;

    @BeforeEach
    void writeStore() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(
                "ca", TestCertificates.builder("CN=Test CA").ca().build().certificate());
        store = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(store)) {
            trust.store(out, "store-secret".toCharArray());
        }
    }

    @Test
    void load_passwordNotSet_namesSetting() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> Keystores.load(store, "PKCS12", new char[0], PATH_SETTING, PASSWORD_SETTING));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.WRONG_STORE_PASSWORD);
        assertThat(e.getMessage())
                .contains("has a password", "[" + PASSWORD_SETTING + "] is not set", "certbound keystore add")
                .doesNotContain("wrong password");
    }

    @Test
    void load_wrongPassword_saysWrongPassword() {
        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> Keystores.load(store, "PKCS12", "typo".toCharArray(), PATH_SETTING, PASSWORD_SETTING));

        assertThat(e.getMessage()).contains("wrong password", PASSWORD_SETTING).doesNotContain("typo");
    }

    @Test
    void load_rightPassword_readsTheEntry() throws Exception {
        KeyStore loaded = Keystores.load(store, "PKCS12", "store-secret".toCharArray(), PATH_SETTING, PASSWORD_SETTING);

        assertThat(loaded.isCertificateEntry("ca")).isTrue();
    }
}
