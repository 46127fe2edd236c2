package org.certbound.server.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.testing.KeyType;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteInfoRendererTest {

    @ParameterizedTest
    @CsvSource({"ED25519, EdDSA", "EC_P256, ES256"})
    void signing_reportsTheJwsAlgorithmName(KeyType keyType, String jwsName) throws Exception {
        TestCertificate leaf =
                TestCertificates.threeLevelChain(keyType, "CN=node-1,O=Example").get(2);
        RequestSigner signer = RequestSigner.create(leaf.signingIdentity(), Clock.systemUTC());

        ObjectNode signing = RemoteInfoRenderer.signing("rc1", alias -> Optional.of(signer));

        assertThat(signing.path("enabled").asBoolean()).isTrue();
        assertThat(signing.path("algorithm").asText()).isEqualTo(jwsName);
    }
}
