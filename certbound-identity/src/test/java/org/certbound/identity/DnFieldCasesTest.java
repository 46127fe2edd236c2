package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import org.certbound.identity.testing.TestCertificate;
import org.certbound.identity.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DN matching pitfalls reported in the field: OpenSSL formats, RDN order, spaces, emailAddress as hex, letter case and
 * Unicode. Certificates are built with the subject OpenSSL's {@code -subj} option would produce.
 */
class DnFieldCasesTest {
    private static final Duration BUDGET = Duration.ofMillis(100);

    private static String canonicalDnOf(String rfc2253) {
        TestCertificate certificate = TestCertificates.builder(rfc2253).build();
        return CanonicalDn.of(certificate.certificate());
    }

    @Test
    void canonicalDn_slashSubject_mostSpecificFirstWithoutSpaces() {
        assertThat(canonicalDnOf("CN=node-1.example.com,OU=Search,O=Example Org,C=US"))
                .isEqualTo("CN=node-1.example.com,OU=Search,O=Example Org,C=US");
    }

    @Test
    void check_rfc2253Pattern_accepted() throws Exception {
        String dn = canonicalDnOf("CN=node-1.example.com,OU=Search,O=Example Org,C=US");

        CertificateIdentityPattern.compile("CN=node-1\\.example\\.com,OU=Search,O=Example Org,C=US")
                .check(dn, BUDGET);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C = US, O = Example Org, OU = Search, CN = node-1.example.com",
                "C=US,O=Example Org,OU=Search,CN=node-1\\.example\\.com",
                "/C=US/O=Example Org/OU=Search/CN=node-1.example.com",
                "CN=node-1\\.example\\.com, OU=Search, O=Example Org, C=US"
            })
    void check_opensslStylePatterns_rejectedShowingCanonicalDn(String pattern) {
        String dn = canonicalDnOf("CN=node-1.example.com,OU=Search,O=Example Org,C=US");

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile(pattern).check(dn, BUDGET));
        DnExplanation explanation = CertificateIdentityPattern.explain(dn, pattern);

        assertThat(e.reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
        assertThat(e.getMessage()).contains("[CN=node-1.example.com,OU=Search,O=Example Org,C=US]");
        assertThat(explanation.reasons())
                .anyMatch(r -> r.contains("slash form")
                        || r.contains("spaces around '='")
                        || r.contains("spaces after commas")
                        || r.contains("reverse order"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "C = US, O = Example Org, OU = Search, CN = node-1.example.com",
                "/C=US/O=Example Org/OU=Search/CN=node-1.example.com"
            })
    void explain_opensslSubjectWithDots_namesOrderAndSpacingFirst(String pattern) {
        String dn = canonicalDnOf("CN=node-1.example.com,OU=Search,O=Example Org,C=US");

        List<String> reasons = CertificateIdentityPattern.explain(dn, pattern).reasons();

        assertThat(reasons.get(0)).contains("reverse order");
        assertThat(reasons.get(1)).containsAnyOf("spaces around '='", "slash form");
        assertThat(reasons.get(reasons.size() - 1)).contains("unescaped '.'");
    }

    @Test
    void check_attributeValueWildcard_staysInsideOneRdn() throws Exception {
        String device = "CN=evil-laptop,OU=ops.example.com,O=Example Corp,C=US";
        String node = "CN=node-1.example.com,O=Example Corp,C=US";

        CertificateIdentityPattern dotStar =
                CertificateIdentityPattern.compile("CN=.*\\.example\\.com,O=Example Corp,C=US");
        CertificateIdentityPattern oneValue =
                CertificateIdentityPattern.compile("CN=[^,]*\\.example\\.com,O=Example Corp,C=US");

        assertThat(dotStar.matches(device, BUDGET)).isTrue();
        assertThat(oneValue.matches(device, BUDGET)).isFalse();
        assertThat(oneValue.matches(node, BUDGET)).isTrue();
    }

    @Test
    void check_cloudPattern_rejectsExtraCnRdn() throws Exception {
        CertificateIdentityPattern pattern =
                CertificateIdentityPattern.compile("CN=[^,]*\\.node\\.a1b2c3d4\\.cluster\\.org-4711");

        assertThat(pattern.matches("CN=instance-1.node.a1b2c3d4.cluster.org-4711", BUDGET))
                .isTrue();
        assertThat(pattern.matches("CN=attacker,CN=x.node.a1b2c3d4.cluster.org-4711", BUDGET))
                .isFalse();
    }

    @Test
    void explain_partialMatch_suggestsValueWildcard() {
        String dn = "CN=node-1,OU=Search,O=Example";

        List<String> reasons =
                CertificateIdentityPattern.explain(dn, "CN=node-1").reasons();

        assertThat(reasons)
                .anySatisfy(reason -> assertThat(reason)
                        .contains("matches only part of the DN")
                        .contains("[^,]*")
                        .doesNotContain("add .*"));
    }

    @Test
    void canonicalDn_emailAddress_renderedAsOidHex() {
        String dn = canonicalDnOf("EMAILADDRESS=ops@example.com,CN=node-1.example.com,OU=Search,O=Example Org,C=US");

        assertThat(dn)
                .isEqualTo("1.2.840.113549.1.9.1=#160f6f7073406578616d706c652e636f6d,"
                        + "CN=node-1.example.com,OU=Search,O=Example Org,C=US");
    }

    @Test
    void check_emailAddressPatterns_hexOnly() throws Exception {
        String dn = canonicalDnOf("EMAILADDRESS=ops@example.com,CN=node-1.example.com,OU=Search,O=Example Org,C=US");
        String keyword = "EMAILADDRESS=ops@example\\.com,CN=node-1\\.example\\.com,OU=Search,O=Example Org,C=US";

        CertificateIdentityPattern.compile(CanonicalDn.escapeAsPattern(dn)).check(dn, BUDGET);
        CertificateIdentityPattern.compile(".*CN=node-1\\.example\\.com,OU=Search,O=Example Org,C=US")
                .check(dn, BUDGET);
        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile(keyword).check(dn, BUDGET));

        assertThat(e.getMessage()).contains(dn);
        assertThat(CertificateIdentityPattern.explain(dn, keyword).reasons())
                .anyMatch(r -> r.contains("1.2.840.113549.1.9.1=#"));
    }

    @Test
    void check_differentCase_rejectedUnlessCaseInsensitiveFlag() throws Exception {
        String dn = canonicalDnOf("CN=Node-1,O=Example");

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile("CN=node-1,O=Example").check(dn, BUDGET));
        CertificateIdentityPattern.compile("(?i)cn=node-1,o=example").check(dn, BUDGET);

        assertThat(e.reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
        assertThat(CertificateIdentityPattern.explain(dn, "CN=node-1,O=Example").reasons())
                .anyMatch(r -> r.contains("letter case"));
    }

    @Test
    void check_utf8Locality_literalAccepted() throws Exception {
        String dn = canonicalDnOf("CN=node-4,O=Example,L=Zürich,C=CH");

        CertificateIdentityPattern.compile("CN=node-4,O=Example,L=Zürich,C=CH").check(dn, BUDGET);
        CertificateIdentityPattern.compile("CN=node-4,O=Example,L=Z\u00fcrich,C=CH")
                .check(dn, BUDGET);

        assertThat(dn).isEqualTo("CN=node-4,O=Example,L=Zürich,C=CH");
    }

    @Test
    void check_opensslByteEscapes_rejectedAndExplained() {
        String dn = canonicalDnOf("CN=node-4,O=Example,L=Zürich,C=CH");
        String pattern = "CN=node-4,O=Example,L=Z\\\\C3\\\\BCrich,C=CH";

        assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile(pattern).check(dn, BUDGET));

        assertThat(CertificateIdentityPattern.explain(dn, pattern).reasons()).anyMatch(r -> r.contains("\\C3\\BC"));
    }

    @Test
    void check_decomposedUnicode_rejectedWithoutNormalization() {
        String dn = canonicalDnOf("CN=node-4,O=Example,L=Zürich,C=CH");
        String nfd = Normalizer.normalize("CN=node-4,O=Example,L=Zürich,C=CH", Normalizer.Form.NFD);

        IdentityException e = assertThrows(
                IdentityException.class,
                () -> CertificateIdentityPattern.compile(nfd).check(dn, BUDGET));

        assertThat(nfd).contains("u\u0308");
        assertThat(e.reason()).isEqualTo(ReasonCode.IDENTITY_MISMATCH);
        assertThat(CertificateIdentityPattern.explain(dn, nfd).reasons()).anyMatch(r -> r.contains("NFD"));
    }
}
