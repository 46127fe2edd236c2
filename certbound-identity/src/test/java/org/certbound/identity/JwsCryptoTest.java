package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;

class JwsCryptoTest {

    @Test
    void sign_ed25519_matchesJdk() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] input = "signing input".getBytes(StandardCharsets.UTF_8);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(input);

        byte[] signed = JwsCrypto.sign(
                SignatureAlgorithm.EDDSA, JwsCrypto.signingKey(SignatureAlgorithm.EDDSA, pair.getPrivate()), input);

        // Ed25519 signatures are deterministic (RFC 8032, section 5.1.6), so both providers must agree exactly.
        assertThat(signed).isEqualTo(jdk.sign());
    }

    @Test
    void signingProvider_ecdsaAndRsa_useTheJdk() {
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.ES256)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.PS256)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.EDDSA)).isNotNull();
    }
}
