package org.certbound.server.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertboundKeystoreTest {

    @TempDir
    Path configDir;

    @Test
    void saveAndLoad_roundTripsEntries() throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.create()) {
            keystore.setString("bootstrap.password", "s3cret-value".toCharArray());
            keystore.setFile("some.file", new byte[] {1, 2, 3});
            keystore.save(configDir, "pw".toCharArray());
        }

        try (CertboundKeystore loaded = CertboundKeystore.load(configDir, "pw".toCharArray())) {
            assertThat(loaded.keys()).containsExactly("bootstrap.password", "some.file");
            assertThat(new String(
                            loaded.getString("bootstrap.password").orElseThrow().unsafeChars()))
                    .isEqualTo("s3cret-value");
            assertThat(loaded.getFile("some.file"))
                    .hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        }
        assertThat(CertboundKeystore.hasPassword(configDir)).isTrue();
    }

    @Test
    void load_wrongPasswordFails() throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.create()) {
            keystore.save(configDir, "right".toCharArray());
        }

        assertThatThrownBy(() -> CertboundKeystore.load(configDir, "wrong".toCharArray()))
                .isInstanceOfSatisfying(
                        KeystoreException.class,
                        e -> assertThat(e.wrongPassword()).isTrue());
    }

    @Test
    void load_tamperedHeaderFails() throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.create()) {
            keystore.setString("a", "b".toCharArray());
            keystore.save(configDir, new char[0]);
        }
        Path file = CertboundKeystore.path(configDir);
        byte[] bytes = Files.readAllBytes(file);
        bytes[12] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> CertboundKeystore.load(configDir, new char[0])).isInstanceOf(KeystoreException.class);
    }

    @Test
    void file_doesNotContainPlaintext() throws Exception {
        try (CertboundKeystore keystore = CertboundKeystore.create()) {
            keystore.setString("bootstrap.password", "plain-marker".toCharArray());
            keystore.save(configDir, new char[0]);
        }

        String content = new String(
                Files.readAllBytes(CertboundKeystore.path(configDir)), java.nio.charset.StandardCharsets.ISO_8859_1);

        assertThat(content).doesNotContain("plain-marker").doesNotContain("bootstrap.password");
        assertThat(CertboundKeystore.hasPassword(configDir)).isFalse();
    }

    @Test
    void setString_invalidNameIsRejected() {
        try (CertboundKeystore keystore = CertboundKeystore.create()) {
            assertThatThrownBy(() -> keystore.setString("bad name", new char[] {'x'}))
                    .hasMessageContaining("invalid keystore entry name [bad name]");
        }
    }

    @Test
    void load_notAKeystoreFails() throws Exception {
        Files.writeString(CertboundKeystore.path(configDir), "hello");

        assertThatThrownBy(() -> CertboundKeystore.load(configDir, new char[0]))
                .hasMessageContaining("is not a certbound keystore");
    }
}
