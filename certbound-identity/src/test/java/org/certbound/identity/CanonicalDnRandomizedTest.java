package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The escaped pattern of a canonical DN matches exactly that DN, over seeded random attribute values. */
class CanonicalDnRandomizedTest {
    // Characters that DN syntax or regex syntax treat specially, so random values hit them often.
    private static final String SPECIAL = ",+\"\\<>;=# .*?()[]{}|^$-_/";

    static Stream<String[]> randomNames() {
        Random random = new Random(20261204L);
        return IntStream.range(0, 300).mapToObj(i -> new String[] {value(random, 40), value(random, 20)});
    }

    @ParameterizedTest
    @MethodSource("randomNames")
    void escapeAsPattern_randomDn_matchesExactly(String commonName, String organization) throws Exception {
        X500Principal principal = new X500Principal("CN=" + escape(commonName) + ",O=" + escape(organization));
        String dn = principal.getName(X500Principal.RFC2253);

        CertificateIdentityPattern pattern = CertificateIdentityPattern.compile(CanonicalDn.escapeAsPattern(dn));

        pattern.check(dn, Duration.ofSeconds(1));
        assertThat(pattern.matches(dn + "x", Duration.ofSeconds(1))).isFalse();
        assertThat(pattern.matches(dn.substring(1), Duration.ofSeconds(1))).isFalse();
    }

    private static String value(Random random, int maxLength) {
        int length = 1 + random.nextInt(maxLength);
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                value.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
            } else if (kind == 1) {
                // Any BMP character outside the surrogate range, including controls and combining marks.
                char c;
                do {
                    c = (char) random.nextInt(0x10000);
                } while (Character.isSurrogate(c));
                value.append(c);
            } else {
                value.append((char) (' ' + random.nextInt(95)));
            }
        }
        return value.toString();
    }

    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (",+\"\\<>;=#".indexOf(c) >= 0 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                escaped.append(String.format("\\%02X", (int) c & 0x7f));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
