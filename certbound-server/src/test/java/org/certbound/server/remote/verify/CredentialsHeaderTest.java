package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.certbound.server.remote.RemoteCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsHeaderTest {

    // "key-1:secret-value-2" is 20 bytes, so its Base64 ends with one "=".
    private static final String PADDED = encode("key-1:secret-value-2");

    @Test
    void parse_canonicalHeader_givesKeyId() throws Exception {
        try (CredentialsHeader header = CredentialsHeader.parse("ApiKey " + PADDED)) {
            assertThat(header.keyId()).isEqualTo("key-1");
            assertThat(new String(header.unsafeEncoded())).isEqualTo(PADDED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"apikey ", "APIKEY ", "ApiKey  ", "Bearer "})
    void parse_otherScheme_invalid(String scheme) {
        assertThatThrownBy(() -> CredentialsHeader.parse(scheme + PADDED))
                .isInstanceOf(CrossClusterAccessException.class)
                .satisfies(e -> assertThat(((CrossClusterAccessException) e).code())
                        .isEqualTo(FailureCodes.INVALID_CREDENTIALS));
    }

    @Test
    void parse_unpaddedValue_invalid() {
        assertThat(PADDED).endsWith("=");

        assertThatThrownBy(() -> CredentialsHeader.parse("ApiKey " + PADDED.substring(0, PADDED.length() - 1)))
                .isInstanceOf(CrossClusterAccessException.class)
                .hasMessageContaining("with its padding");
    }

    @Test
    void parse_nonZeroSpareBits_invalid() {
        // The last character before "=" carries two spare bits; setting one keeps the bytes and changes the text.
        char last = PADDED.charAt(PADDED.length() - 2);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char other = alphabet.charAt(alphabet.indexOf(last) | 1);
        String spelling = PADDED.substring(0, PADDED.length() - 2) + other + "=";
        assertThat(Base64.getDecoder().decode(spelling))
                .isEqualTo(Base64.getDecoder().decode(PADDED));
        assertThat(spelling).isNotEqualTo(PADDED);

        assertThatThrownBy(() -> CredentialsHeader.parse("ApiKey " + spelling))
                .isInstanceOf(CrossClusterAccessException.class);
    }

    @Test
    void remoteCredentials_unpadded_sentCanonical() throws Exception {
        RemoteCredentials stored = RemoteCredentials.parse("rc1", PADDED.substring(0, PADDED.length() - 1));

        try (CredentialsHeader header = CredentialsHeader.parse(stored.unsafeHeaderValue())) {
            assertThat(header.keyId()).isEqualTo("key-1");
        }
    }

    private static String encode(String pair) {
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
