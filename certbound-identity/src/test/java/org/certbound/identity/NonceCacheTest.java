package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NonceCacheTest {
    @Test
    void register_full_dropsOldestAndRejectsItsAge() throws Exception {
        NonceCache cache = new NonceCache(2, 300);
        cache.register("a", 100, 100);
        cache.register("b", 101, 101);

        cache.register("c", 102, 102);
        IdentityException replayOfEvicted = assertThrows(IdentityException.class, () -> cache.register("a", 100, 103));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(replayOfEvicted.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(replayOfEvicted.getMessage()).contains("nonce cache is full");
    }

    @Test
    void register_seenNonce_replayed() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register("a", 100, 100);

        IdentityException e = assertThrows(IdentityException.class, () -> cache.register("a", 100, 150));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void register_afterWindow_forgetsNonce() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register("a", 100, 100);

        cache.register("b", 500, 500);

        assertThat(cache.size()).isEqualTo(1);
    }
}
