package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiKeyGeneratorTest {
    private final ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom());

    @Test
    void newSecret_is22UrlSafeBase64Characters() {
        char[] secret = generator.newSecret();

        assertThat(secret).hasSize(22);
        assertThat(new String(secret)).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void newSecret_twice_differs() {
        assertThat(new String(generator.newSecret())).isNotEqualTo(new String(generator.newSecret()));
    }

    @Test
    void newId_is20Characters() {
        assertThat(generator.newId()).matches("[A-Za-z0-9_-]{20}");
    }

    @Test
    void encode_isBase64OfIdColonSecret() {
        char[] encoded = ApiKeyGenerator.encode("id1", "secret".toCharArray());

        assertThat(new String(Base64.getDecoder().decode(new String(encoded)), StandardCharsets.UTF_8))
                .isEqualTo("id1:secret");
    }
}
