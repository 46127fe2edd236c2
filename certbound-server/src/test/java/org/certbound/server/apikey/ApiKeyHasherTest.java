package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ApiKeyHasherTest {
    private static final char[] SECRET = "abcdefghijklmnopqrstuv".toCharArray();

    @ParameterizedTest
    @EnumSource(ApiKeyHasher.Algorithm.class)
    void verify_sameSecret_true(ApiKeyHasher.Algorithm algorithm) {
        String hash = new ApiKeyHasher(algorithm, new SecureRandom()).hash(SECRET);

        assertThat(ApiKeyHasher.verify(SECRET, hash)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ApiKeyHasher.Algorithm.class)
    void verify_otherSecret_false(ApiKeyHasher.Algorithm algorithm) {
        String hash = new ApiKeyHasher(algorithm, new SecureRandom()).hash(SECRET);

        assertThat(ApiKeyHasher.verify("abcdefghijklmnopqrstuw".toCharArray(), hash))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(ApiKeyHasher.Algorithm.class)
    void hash_sameSecretTwice_differentSalts(ApiKeyHasher.Algorithm algorithm) {
        ApiKeyHasher hasher = new ApiKeyHasher(algorithm, new SecureRandom());

        assertThat(hasher.hash(SECRET)).isNotEqualTo(hasher.hash(SECRET)).doesNotContain(new String(SECRET));
    }

    @Test
    void hash_prefixNamesAlgorithm() {
        assertThat(new ApiKeyHasher(ApiKeyHasher.Algorithm.SSHA256, new SecureRandom()).hash(SECRET))
                .startsWith("{SSHA256}");
        assertThat(new ApiKeyHasher(ApiKeyHasher.Algorithm.PBKDF2, new SecureRandom()).hash(SECRET))
                .startsWith("{PBKDF2}10000$");
    }

    @Test
    void verify_unknownOrCorruptForm_false() {
        assertThat(ApiKeyHasher.verify(SECRET, "plain")).isFalse();
        assertThat(ApiKeyHasher.verify(SECRET, "{SSHA256}nodollar")).isFalse();
        assertThat(ApiKeyHasher.verify(SECRET, "{SSHA256}!!$!!")).isFalse();
        assertThat(ApiKeyHasher.verify(SECRET, "{PBKDF2}0$AAAA$AAAA")).isFalse();
    }
}
