package org.certbound.server.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecureStringTest {

    @Test
    void toString_isRedacted() {
        SecureString secret = new SecureString("hunter2".toCharArray());

        assertThat(secret.toString()).isEqualTo("<redacted>");
        assertThat(String.valueOf(secret)).doesNotContain("hunter2");
    }

    @Test
    void constructor_zeroesCallerArray() {
        char[] input = "abc".toCharArray();

        SecureString secret = new SecureString(input);

        assertThat(input).containsOnly('\0');
        assertThat(secret.unsafeChars()).containsExactly('a', 'b', 'c');
    }

    @Test
    void close_makesValueUnreachable() {
        SecureString secret = new SecureString("abc".toCharArray());

        secret.close();

        assertThatThrownBy(secret::unsafeChars).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void constantTimeEquals_comparesContent() {
        assertThat(new SecureString("a1".toCharArray()).constantTimeEquals(new SecureString("a1".toCharArray())))
                .isTrue();
        assertThat(new SecureString("a1".toCharArray()).constantTimeEquals(new SecureString("a2".toCharArray())))
                .isFalse();
    }

    @Test
    void fromUtf8_decodesMultibyte() {
        SecureString secret = SecureString.fromUtf8("pässwörd".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(new String(secret.unsafeChars())).isEqualTo("pässwörd");
    }
}
