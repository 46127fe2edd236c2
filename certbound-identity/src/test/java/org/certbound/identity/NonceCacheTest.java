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

    @Test
    void inheritFrom_previousCache_keepsNoncesSpent() throws Exception {
        NonceCache previous = new NonceCache(10, 300);
        previous.register("a", 100, 100);
        NonceCache rebuilt = new NonceCache(10, 600);

        rebuilt.inheritFrom(previous);
        IdentityException e = assertThrows(IdentityException.class, () -> rebuilt.register("a", 100, 150));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void inheritFrom_smallerCache_raisesFloor() throws Exception {
        NonceCache previous = new NonceCache(10, 300);
        previous.register("a", 100, 100);
        previous.register("b", 101, 101);
        previous.register("c", 102, 102);
        NonceCache rebuilt = new NonceCache(2, 300);

        rebuilt.inheritFrom(previous);
        IdentityException dropped = assertThrows(IdentityException.class, () -> rebuilt.register("a", 100, 103));
        IdentityException kept = assertThrows(IdentityException.class, () -> rebuilt.register("c", 102, 103));

        assertThat(rebuilt.size()).isEqualTo(2);
        assertThat(dropped.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(kept.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void register_signedBeforeStart_rejectedAsStale() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.rejectSignedBefore(1_000);

        IdentityException e = assertThrows(IdentityException.class, () -> cache.register("a", 999, 1_000));
        cache.register("b", 1_000, 1_000);

        assertThat(e.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(e.getMessage()).contains("before this verifier started");
        assertThat(cache.size()).isEqualTo(1);
    }
}
