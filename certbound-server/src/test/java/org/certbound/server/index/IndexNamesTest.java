package org.certbound.server.index;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IndexNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"logs", "logs-2026.01", ".hidden", "a_b", "a+b", "日志"})
    void validate_validName_passes(String name) {
        assertThatCode(() -> IndexNames.validate(name)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Logs", "a\\b", "a/b", "a*b", "a?b", "a\"b", "a<b", "a>b", "a|b", "a b", "a,b", "a#b", "a:b", "_logs",
                "-logs", "+logs", ".", "..", ""
            })
    void validate_invalidName_throwsInvalidIndexName(String name) {
        assertThatThrownBy(() -> IndexNames.validate(name))
                .isInstanceOf(IndexException.class)
                .hasMessageStartingWith("Invalid index name [" + name + "]")
                .extracting(e -> ((IndexException) e).type())
                .isEqualTo("invalid_index_name_exception");
    }

    @org.junit.jupiter.api.Test
    void validate_nameOver255Bytes_throws() {
        String name = "a".repeat(254) + "é";

        assertThatThrownBy(() -> IndexNames.validate(name)).hasMessageContaining("too long");
        assertThatCode(() -> IndexNames.validate("a".repeat(255))).doesNotThrowAnyException();
    }
}
