package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.certbound.identity.IdentityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateIdentitiesTest {
    private static final Duration BUDGET = Duration.ofMillis(100);

    @Test
    void validate_unbalancedParenthesis_namesFieldAndPattern() {
        assertThatThrownBy(() -> CertificateIdentities.validate("CN=node-1,O=(Example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[certificate_identity]")
                .hasMessageContaining("CN=node-1,O=(Example");
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
                .hasMessageContaining("[certificate_identity]")
                .hasMessageContaining("maximum is " + CertificateIdentities.MAX_LENGTH);
    }

    @Test
    void validate_validPattern_returnedUnchanged() {
        String pattern = "CN=node-1\\.example\\.com,OU=Search,O=Example";

        assertThat(CertificateIdentities.validate(pattern)).isSameAs(pattern);
    }

    @Test
    void compile_escapedDots_matchesWholeDnOnly() {
        var pattern = CertificateIdentities.compile("CN=node-1\\.example\\.com,OU=Search,O=Example");

        assertThatCode(() -> pattern.check("CN=node-1.example.com,OU=Search,O=Example", BUDGET))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> pattern.check("CN=node-1.example.com.evil.net,OU=Search,O=Example", BUDGET))
                .isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> pattern.check("CN=node-1Xexample.com,OU=Search,O=Example", BUDGET))
                .isInstanceOf(IdentityException.class);
    }

    @Test
    void warnings_unescapedDot_reported() {
        assertThat(CertificateIdentities.warnings("CN=node-1.example.com")).anyMatch(w -> w.contains("unescaped"));
        assertThat(CertificateIdentities.warnings("CN=node-1\\.example\\.com")).isEmpty();
    }
}
