package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.junit.jupiter.api.Test;

class SigningIdentityTest {
    private static final String SOURCE = "[cluster.remote.rc1.signing.certificate] (signing.crt)";

    private final List<TestCertificate> chain =
            TestCertificates.threeLevelChain(KeyType.EC_P256, "CN=node-1.example.com,O=Example");
    private final TestCertificate intermediate = chain.get(1);
    private final TestCertificate leaf = chain.get(2);

    @Test
    void create_fullChain_accepted() throws Exception {
        SigningIdentity identity = SigningIdentity.create(leaf.privateKey(), leaf.chainWithRoot(), SOURCE);

        assertThat(identity.canonicalDn()).isEqualTo("CN=node-1.example.com,O=Example");
    }

    @Test
    void create_caCertificate_rejected() {
        TestCertificate caLeaf = TestCertificates.builder("CN=node-1.example.com,O=Example")
                .issuer(intermediate)
                .ca()
                .build();

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> SigningIdentity.create(caLeaf.privateKey(), caLeaf.chain(), SOURCE));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.NOT_A_SIGNING_CERTIFICATE);
        assertThat(e.getMessage()).contains(SOURCE, "CA:TRUE", "remote clusters would reject every request");
    }

    @Test
    void create_noDigitalSignatureUsage_rejected() {
        TestCertificate encipherOnly = TestCertificates.builder("CN=node-1.example.com,O=Example")
                .issuer(intermediate)
                .keyUsage(KeyUsage.keyEncipherment)
                .build();

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class,
                () -> SigningIdentity.create(encipherOnly.privateKey(), encipherOnly.chain(), SOURCE));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.NOT_A_SIGNING_CERTIFICATE);
        assertThat(e.getMessage()).contains("digitalSignature");
    }

    @Test
    void create_misorderedChain_rejected() {
        List<java.security.cert.X509Certificate> reversed =
                List.of(leaf.certificate(), chain.get(0).certificate(), intermediate.certificate());

        KeyMaterialException e = assertThrows(
                KeyMaterialException.class, () -> SigningIdentity.create(leaf.privateKey(), reversed, SOURCE));

        assertThat(e.kind()).isEqualTo(KeyMaterialException.Kind.NOT_A_SIGNING_CERTIFICATE);
        assertThat(e.getMessage()).contains("certificate 1 of the chain", "issuing order");
    }
}
