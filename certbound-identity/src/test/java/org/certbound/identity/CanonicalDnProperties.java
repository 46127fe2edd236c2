package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javax.security.auth.x500.X500Principal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

class CanonicalDnProperties {
    @Property(tries = 300)
    void escapeAsPattern_matchesExactlyTheDn(
            @ForAll @StringLength(min = 1, max = 40) String commonName,
            @ForAll @StringLength(min = 1, max = 20) String organization)
            throws Exception {
        X500Principal principal = new X500Principal("CN=" + escape(commonName) + ",O=" + escape(organization));
        String dn = principal.getName(X500Principal.RFC2253);

        CertificateIdentityPattern pattern = CertificateIdentityPattern.compile(CanonicalDn.escapeAsPattern(dn));

        pattern.check(dn, Duration.ofSeconds(1));
        assertThat(pattern.matches(dn + "x", Duration.ofSeconds(1))).isFalse();
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (",+\"\\<>;=#".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                escaped.append(String.format("\\%02X", (int) c & 0x7f));
            } else if (Character.isSurrogate(c)) {
                escaped.append('x');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
