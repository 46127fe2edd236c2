package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwsCryptoTest {

    private static final byte[] INPUT = "signing input".getBytes(StandardCharsets.UTF_8);

    @Test
    void sign_ed25519_matchesJdk() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(INPUT);

        byte[] signed = JwsCrypto.sign(
                SignatureAlgorithm.EDDSA, JwsCrypto.signingKey(SignatureAlgorithm.EDDSA, pair.getPrivate()), INPUT);

        // Ed25519 signatures are deterministic (RFC 8032, section 5.1.6), so both providers must agree exactly.
        assertThat(signed).isEqualTo(jdk.sign());
    }

    @ParameterizedTest
    @CsvSource({"ES256, secp256r1, 64", "ES384, secp384r1, 96", "ES512, secp521r1, 132"})
    void sign_ecdsa_bothProvidersVerify(SignatureAlgorithm algorithm, String curve, int length) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair pair = generator.generateKeyPair();

        byte[] signed = JwsCrypto.sign(algorithm, JwsCrypto.signingKey(algorithm, pair.getPrivate()), INPUT);

        // ECDSA signatures are randomised, so the check is that an independent verifier accepts this one, in the
        // R || S form of RFC 7518 with each half padded to the curve's size.
        assertThat(signed).hasSize(length);
        Signature jdk = Signature.getInstance("SHA" + algorithm.jwsName().substring(2) + "withECDSAinP1363Format");
        jdk.initVerify(pair.getPublic());
        jdk.update(INPUT);
        assertThat(jdk.verify(signed)).isTrue();
        JwsCrypto.verify(algorithm, pair.getPublic(), INPUT, signed);
    }

    @Test
    void verify_ecdsaOtherInput_throws() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] signed = JwsCrypto.sign(
                SignatureAlgorithm.ES256, JwsCrypto.signingKey(SignatureAlgorithm.ES256, pair.getPrivate()), INPUT);

        byte[] other = "signing inpuT".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JwsCrypto.verify(SignatureAlgorithm.ES256, pair.getPublic(), other, signed))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void signingProvider_onlyEd25519UsesBouncyCastle() {
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.PS256)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.RS256)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.ES256)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.ES512)).isNull();
        assertThat(JwsCrypto.signingProvider(SignatureAlgorithm.EDDSA).getName())
                .isEqualTo("BC");
    }
}
