package org.certbound.server.remote.transport;

import java.nio.file.Path;
import org.certbound.identity.testing.OperatorTools;

/**
 * Makes PKCS#12 and JKS keystores and truststores from {@link TestTls} PEM files the way operators do, with
 * {@code openssl pkcs12} and {@code keytool}. Tests that use it are integration tests, because they start processes.
 */
public final class TestStores {

    private final OperatorTools tools;

    /** Creates the helper; the stores are written into {@code dir}. */
    public TestStores(Path dir) {
        this.tools = new OperatorTools(dir);
    }

    /** Packs a leaf's certificate and key into a PKCS#12 keystore under {@code alias}. */
    public Path pkcs12(TestTls.Leaf leaf, String alias, String password, String fileName) {
        Path file = tools.file(fileName);
        tools.openssl(
                "pkcs12",
                "-export",
                "-in",
                leaf.certificateFile().toString(),
                "-inkey",
                leaf.keyFile().toString(),
                "-name",
                alias,
                "-passout",
                "pass:" + password,
                "-out",
                file.toString());
        return file;
    }

    /** Converts a PKCS#12 keystore into a JKS keystore with the same password. */
    public Path jks(Path pkcs12, String password, String fileName) {
        Path file = tools.file(fileName);
        tools.keytool(
                "-importkeystore",
                "-noprompt",
                "-srckeystore",
                pkcs12.toString(),
                "-srcstoretype",
                "PKCS12",
                "-srcstorepass",
                password,
                "-destkeystore",
                file.toString(),
                "-deststoretype",
                "JKS",
                "-deststorepass",
                password);
        return file;
    }

    /** Imports a CA certificate as a trusted entry into a new truststore of {@code type}. */
    public Path truststore(TestTls.Ca ca, String type, String password, String fileName) {
        Path file = tools.file(fileName);
        tools.keytool(
                "-importcert",
                "-noprompt",
                "-trustcacerts",
                "-alias",
                "ca",
                "-file",
                ca.certificateFile().toString(),
                "-keystore",
                file.toString(),
                "-storetype",
                type,
                "-storepass",
                password);
        return file;
    }
}
