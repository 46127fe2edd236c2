package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyCredentialsTest {
    private static final String SECRET = "abcdefghijklmnopqrstuv";

    private static char[] encoded(String plain) {
        return Base64.getEncoder()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8))
                .toCharArray();
    }

    @Test
    void decode_validValue_splitsAtFirstColon() {
        try (ApiKeyCredentials credentials = ApiKeyCredentials.decode(encoded("id1:" + SECRET + ":x"))) {
            assertThat(credentials.id()).isEqualTo("id1");
            assertThat(new String(credentials.unsafeSecret())).isEqualTo(SECRET + ":x");
        }
    }

    @Test
    void fromAuthorizationHeader_caseInsensitiveScheme_parses() {
        String header = "apikey " + new String(encoded("id1:" + SECRET));

        ApiKeyCredentials credentials = ApiKeyCredentials.fromAuthorizationHeader(header);

        assertThat(credentials).isNotNull();
        assertThat(credentials.id()).isEqualTo("id1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearer abc", "ApiKeyX abc"})
    void fromAuthorizationHeader_otherScheme_returnsNull(String header) {
        assertThat(ApiKeyCredentials.fromAuthorizationHeader(header)).isNull();
    }

    @Test
    void decode_empty_rejected() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode(new char[0])).hasMessageContaining("empty");
    }

    @Test
    void decode_trailingNewline_rejectedWithHint() {
        char[] value = (new String(encoded("id1:" + SECRET)) + "\n").toCharArray();

        assertThatThrownBy(() -> ApiKeyCredentials.decode(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whitespace")
                .hasMessageContaining("newline");
    }

    @Test
    void decode_plainIdColonSecret_rejectedAsNotEncoded() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode(("id1:" + SECRET).toCharArray()))
                .hasMessageContaining("encoded")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void decode_notBase64_rejected() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode("%%%%".toCharArray())).hasMessageContaining("not Base64");
    }

    @Test
    void decode_noColon_rejected() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode(encoded("id1" + SECRET)))
                .hasMessageContaining("no ':'")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void decode_emptyId_rejected() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode(encoded(":" + SECRET)))
                .hasMessageContaining("id is empty");
    }

    @Test
    void decode_emptySecret_rejected() {
        assertThatThrownBy(() -> ApiKeyCredentials.decode(encoded("id1:"))).hasMessageContaining("secret is empty");
    }

    @Test
    void toString_omitsSecret() {
        ApiKeyCredentials credentials = ApiKeyCredentials.decode(encoded("id1:" + SECRET));

        assertThat(credentials.toString()).contains("id1").doesNotContain(SECRET);
    }

    @Test
    void close_zeroesSecret() {
        ApiKeyCredentials credentials = ApiKeyCredentials.decode(encoded("id1:" + SECRET));
        char[] live = credentials.unsafeSecret();

        credentials.close();

        assertThat(live).containsOnly('\0');
    }
}
