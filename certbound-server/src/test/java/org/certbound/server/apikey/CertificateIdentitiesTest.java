package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateIdentitiesTest {
    @Test
    void validate_unbalancedParenthesis_namesFieldPatternAndPosition() {
        assertThatThrownBy(() -> CertificateIdentities.validate("CN=node-1,O=(Example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[certificate_identity]")
                .hasMessageContaining("CN=node-1,O=(Example")
                .hasMessageContaining("near index");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void validate_blank_rejected(String pattern) {
        assertThatThrownBy(() -> CertificateIdentities.validate(pattern)).hasMessageContaining("must not be empty");
    }

    @Test
    void validate_tooLong_namesMaximum() {
        String pattern = "a".repeat(64 * 1024);

        assertThatThrownBy(() -> CertificateIdentities.validate(pattern))
                .hasMessageContaining("maximum is [" + CertificateIdentities.MAX_LENGTH + "]");
    }

    @Test
    void compile_escapedDots_matchesWholeDnOnly() {
        var pattern = CertificateIdentities.compile("CN=node-1\\.example\\.com,OU=Search,O=Example");

        assertThat(pattern.matcher("CN=node-1.example.com,OU=Search,O=Example").matches())
                .isTrue();
        assertThat(pattern.matcher("CN=node-1.example.com.evil.net,OU=Search,O=Example")
                        .matches())
                .isFalse();
        assertThat(pattern.matcher("CN=node-1Xexample.com,OU=Search,O=Example").matches())
                .isFalse();
    }
}
