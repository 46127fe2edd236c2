package org.certbound.server.remote.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AuthorizedIndexResolverTest {

    private static final Set<String> EXISTING = Set.of("logs-1", "logs-2", "secret-1", ".hidden");
    private static final Predicate<String> LOGS_ONLY = index -> index.startsWith("logs-");

    private static AuthorizedIndexResolver.Resolution resolve(String... expressions) {
        return AuthorizedIndexResolver.resolve(List.of(expressions), EXISTING, LOGS_ONLY);
    }

    @Test
    void resolve_unauthorizedLiteral_unauthorizedEvenIfAbsent() {
        AuthorizedIndexResolver.Resolution resolution = resolve("secret-1,nosuch-1");

        assertThat(resolution.unauthorized()).containsExactly("secret-1", "nosuch-1");
        assertThat(resolution.missing()).isEmpty();
        assertThat(resolution.indices()).isEmpty();
    }

    @Test
    void resolve_authorizedLiteralMissing_missing() {
        AuthorizedIndexResolver.Resolution resolution = resolve("logs-nosuch");

        assertThat(resolution.missing()).containsExactly("logs-nosuch");
        assertThat(resolution.unauthorized()).isEmpty();
    }

    @Test
    void resolve_authorizedLiteralExisting_resolved() {
        AuthorizedIndexResolver.Resolution resolution = resolve("logs-2");

        assertThat(resolution.indices()).containsExactly("logs-2");
        assertThat(resolution.unauthorized()).isEmpty();
        assertThat(resolution.missing()).isEmpty();
    }

    @Test
    void resolve_wildcards_matchOnlyAuthorizedIndices() {
        assertThat(resolve("*").indices()).containsExactly("logs-1", "logs-2");
        assertThat(resolve("_all").indices()).containsExactly("logs-1", "logs-2");
        assertThat(resolve("secret-*").indices()).isEmpty();
        assertThat(resolve("secret-*").unauthorized()).isEmpty();
    }

    @Test
    void resolve_exclusion_removesEarlierMatches() {
        assertThat(resolve("logs-*,-logs-1").indices()).containsExactly("logs-2");
    }
}
