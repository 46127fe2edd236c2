package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.certbound.identity.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pattern validation, full-match semantics, the time budget, and the DN mistakes that explain() names. */
class CertificateIdentityPatternTest {
    private static final Duration BUDGET = CertificateIdentityPattern.DEFAULT_BUDGET;
    private static final String NODE_1 = "CN=node-1\\.example\\.com,OU=Search,O=Example";

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void compile_blank_rejected(String pattern) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CertificateIdentityPattern.compile(pattern));

        assertThat(e.getMessage()).contains("[certificate_identity]", "empty or blank");
    }

    @Test
    void compile_unbalancedParenthesis_showsWhereItFails() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CertificateIdentityPattern.compile("CN=node-1,O=(Example"));

        assertThat(e.getMessage()).contains("[certificate_identity]", "CN=node-1,O=(Example", "Unclosed group");
    }

    @Test
    void compile_64KiB_namesMaximumLength() {
        String huge = "a".repeat(64 * 1024);

        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CertificateIdentityPattern.compile(huge));

        assertThat(e.getMessage()).contains("65536 characters", "maximum is " + CertificateIdentityPattern.MAX_LENGTH);
    }

    @Test
    void pattern_returnsOriginalStringByteForByte() {
        String original = "CN=node-1\\.example\\.com,OU=Search,O=Example";

        assertThat(CertificateIdentityPattern.compile(original).pattern()).isEqualTo(original);
    }

    @Test
    void check_exactDn_accepted() throws Exception {
        CertificateIdentityPattern.compile(NODE_1).check("CN=node-1.example.com,OU=Search,O=Example", BUDGET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CN=node-1.example.com.evil.net,OU=Search,O=Example",
                "CN=evil,OU=CN=node-1.example.com,O=Example",
                "CN=node-1.example.com,OU=Search,O=Example,DC=evil"
            })
    void check_dnContainingPatternAsSubstring_rejected(String dn) {
        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile(NODE_1).check(dn, BUDGET));

        assertThat(e.reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
        assertThat(e.getMessage()).contains("[" + dn + "]");
    }

    @Test
    void check_unescapedDots_matchAnyCharacterAndWarn() throws Exception {
        CertificateIdentityPattern loose =
                CertificateIdentityPattern.compile("CN=node-1.example.com,OU=Search,O=Example");

        loose.check("CN=node-1Xexample-com,OU=Search,O=Example", BUDGET);

        assertThat(loose.warnings()).anyMatch(w -> w.contains("unescaped '.'"));
        assertThat(CertificateIdentityPattern.compile(NODE_1).warnings()).isEmpty();
    }

    @Test
    void check_partialPattern_rejected() {
        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile("O=Example")
                        .check("CN=node-1.example.com,OU=Search,O=Example", BUDGET));

        assertThat(e.reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
    }

    @Test
    void check_explicitAnchors_changeNothing() throws Exception {
        CertificateIdentityPattern anchored = CertificateIdentityPattern.compile("^" + NODE_1 + "$");

        anchored.check("CN=node-1.example.com,OU=Search,O=Example", BUDGET);
        assertThrows(
                IdentityException.class,
                () -> anchored.check("CN=node-1.example.com,OU=Search,O=Example,DC=evil", BUDGET));
    }

    @Test
    void check_catastrophicBacktracking_timesOut() {
        CertificateIdentityPattern pattern = CertificateIdentityPattern.compile("CN=(.*a){12}x");
        String dn = "CN=" + "a".repeat(80);

        IdentityException e = assertThrows(IdentityException.class, () -> pattern.check(dn, Duration.ofMillis(50)));

        assertThat(e.reason()).isEqualTo(ReasonCode.PATTERN_TIMEOUT);
    }

    @Test
    void explain_reversedOrder_namedAndSuggestsCanonicalPattern() {
        String dn = "CN=node-1.example.com,OU=Search,O=Example Org,C=US";

        DnExplanation explanation =
                CertificateIdentityPattern.explain(dn, "C=US,O=Example Org,OU=Search,CN=node-1\\.example\\.com");

        assertThat(explanation.matches()).isFalse();
        assertThat(explanation.reasons()).anyMatch(r -> r.contains("reverse order"));
        assertThat(explanation.suggestedPattern()).isEqualTo("CN=node-1\\.example\\.com,OU=Search,O=Example Org,C=US");
    }

    @Test
    void explain_suggestedPattern_matchesDnWithEscapes() throws Exception {
        String dn = CanonicalDn.of(TestCertificates.builder("CN=a\\,b (c)\\+d,O=Ex.am\\+ple")
                .build()
                .certificate());

        DnExplanation explanation = CertificateIdentityPattern.explain(dn, "CN=x");

        CertificateIdentityPattern.compile(explanation.suggestedPattern()).check(dn, BUDGET);
        assertThat(explanation.reasons()).isNotEmpty();
    }

    @Test
    void explain_invalidPattern_explainedNotThrown() {
        DnExplanation explanation = CertificateIdentityPattern.explain("CN=a", "CN=(a");

        assertThat(explanation.matches()).isFalse();
        assertThat(explanation.reasons()).anyMatch(r -> r.contains("not a valid Java regular expression"));
    }

    @Test
    void explain_matchingPattern_reportsMatch() {
        DnExplanation explanation = CertificateIdentityPattern.explain("CN=a,O=b", "CN=a,O=b");

        assertThat(explanation.matches()).isTrue();
        assertThat(explanation.reasons()).isEmpty();
    }

    @Test
    void canonicalDnParse_slashAndSpacedForms_giveRfc2253() {
        assertThat(CanonicalDn.parse("/C=US/O=Example Org/OU=Search/CN=node-1"))
                .isEqualTo("CN=node-1,OU=Search,O=Example Org,C=US");
        assertThat(CanonicalDn.parse("CN = node-1, O = Example")).isEqualTo("CN=node-1,O=Example");
    }
}
