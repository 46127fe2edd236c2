package org.certbound.server.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IndexExpressionsTest {
    private static final List<String> EXISTING = List.of("logs-a", "logs-b", "secret");

    @Test
    void expandable_limitsWildcardsAndAllButNotLiteralNames() {
        assertThat(IndexExpressions.resolve(
                        "*", EXISTING, IndexExpressions.Options.SEARCH, name -> name.startsWith("logs")))
                .containsExactly("logs-a", "logs-b");
        assertThat(IndexExpressions.resolve(
                        "_all", EXISTING, IndexExpressions.Options.SEARCH, name -> !name.equals("logs-b")))
                .containsExactly("logs-a", "secret");
        assertThat(IndexExpressions.resolve("s*,logs-a", EXISTING, IndexExpressions.Options.SEARCH, name -> false))
                .containsExactly("logs-a");
        assertThat(IndexExpressions.resolve("secret", EXISTING, IndexExpressions.Options.SEARCH, name -> false))
                .containsExactly("secret");
    }
}
