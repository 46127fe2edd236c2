package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.certbound.server.apikey.ApiKeyHasher;
import org.certbound.server.apikey.ApiKeyTestFixture;
import org.junit.jupiter.api.Test;

class ApiKeyCrossClusterKeyServiceTest {

    private final ApiKeyTestFixture fixture = new ApiKeyTestFixture(ApiKeyHasher.Algorithm.SSHA256);
    private final ApiKeyCrossClusterKeyService service = new ApiKeyCrossClusterKeyService(fixture.authentication());

    @Test
    void authenticate_validKey_returnsKeyWithPattern() throws Exception {
        char[] encoded = fixture.createCrossClusterKey();

        AuthenticatedCrossClusterKey key = service.authenticate(encoded);

        assertThat(key.name()).isEqualTo("bench");
        assertThat(key.roles()).hasSize(1);
        assertThat(key.identityPattern()).isPresent();
    }

    @Test
    void authenticate_wrongSecret_isInvalidCredentials() {
        String id = idOf(fixture.createCrossClusterKey());
        char[] forged = encode(id + ":" + "A".repeat(22));

        CrossClusterAccessException e =
                assertThrows(CrossClusterAccessException.class, () -> service.authenticate(forged));

        assertThat(e.code()).isEqualTo(FailureCodes.INVALID_CREDENTIALS);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains(id).doesNotContain("AAAAAAAAAAAAAAAAAAAAAA");
    }

    @Test
    void authenticate_malformedCredentials_isInvalidCredentials() {
        CrossClusterAccessException e = assertThrows(
                CrossClusterAccessException.class, () -> service.authenticate("not base64!".toCharArray()));

        assertThat(e.code()).isEqualTo(FailureCodes.INVALID_CREDENTIALS);
        assertThat(e.status()).isEqualTo(401);
    }

    private static String idOf(char[] encoded) {
        String decoded = new String(Base64.getDecoder().decode(new String(encoded)), StandardCharsets.UTF_8);
        return decoded.substring(0, decoded.indexOf(':'));
    }

    private static char[] encode(String idAndSecret) {
        return Base64.getEncoder()
                .encodeToString(idAndSecret.getBytes(StandardCharsets.UTF_8))
                .toCharArray();
    }
}
