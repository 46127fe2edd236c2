package org.certbound.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NonceCacheTest {
    private static final String KEY = "digest-of-key-1";
    private static final String OTHER_KEY = "digest-of-key-2";

    @Test
    void register_full_dropsEarliestSigned() throws Exception {
        NonceCache cache = new NonceCache(2, 300);
        cache.register(KEY, "a", 100, 100);
        cache.register(KEY, "b", 101, 101);

        cache.register(KEY, "c", 102, 102);
        IdentityException replayOfEvicted =
                assertThrows(IdentityException.class, () -> cache.register(KEY, "a", 100, 103));

        assertThat(cache.size()).isEqualTo(2);
        assertThat(replayOfEvicted.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(replayOfEvicted.getMessage()).contains("nonce cache of this API key is full");
    }

    @Test
    void register_futureNonce_evictedLast() throws Exception {
        NonceCache cache = new NonceCache(2, 300);
        cache.register(KEY, "future", 1_290, 1_000);
        cache.register(KEY, "a", 1_000, 1_000);

        cache.register(KEY, "b", 1_001, 1_001);
        cache.register(KEY, "c", 1_002, 1_002);

        // The earliest-signed entries go first, so the floor stays below the present and fresh signatures pass.
        // Evicting in arrival order would have dropped "future" and rejected everything signed before it.
        IdentityException replayOfFuture =
                assertThrows(IdentityException.class, () -> cache.register(KEY, "future", 1_290, 1_003));
        assertThat(replayOfFuture.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
        cache.register(KEY, "d", 1_003, 1_003);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void register_fullPartition_otherKeysAccepted() throws Exception {
        NonceCache cache = new NonceCache(2, 300);
        cache.register(KEY, "future", 1_299, 1_000);
        cache.register(KEY, "x1", 1_299, 1_000);
        cache.register(KEY, "x2", 1_299, 1_000);

        IdentityException ownFresh =
                assertThrows(IdentityException.class, () -> cache.register(KEY, "y", 1_000, 1_000));
        cache.register(OTHER_KEY, "z", 1_000, 1_000);

        assertThat(ownFresh.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(cache.partitionCount()).isEqualTo(2);
    }

    @Test
    void register_sameNonceOtherKey_accepted() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register(KEY, "a", 100, 100);

        cache.register(OTHER_KEY, "a", 100, 100);

        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void register_seenNonce_replayed() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register(KEY, "a", 100, 100);

        IdentityException e = assertThrows(IdentityException.class, () -> cache.register(KEY, "a", 100, 150));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void register_afterWindow_forgetsNonce() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register(KEY, "a", 100, 100);

        cache.register(KEY, "b", 500, 500);

        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void register_futureNonce_rememberedLonger() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register(KEY, "future", 1_250, 1_000);

        IdentityException e = assertThrows(IdentityException.class, () -> cache.register(KEY, "future", 1_250, 1_500));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void register_idleKey_partitionDroppedAfterWindow() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.register(KEY, "a", 100, 100);

        cache.register(OTHER_KEY, "b", 500, 500);

        assertThat(cache.partitionCount()).isEqualTo(1);
    }

    @Test
    void register_emptyPartitionWithFloor_kept() throws Exception {
        NonceCache cache = new NonceCache(1, 300);
        cache.register(KEY, "a", 1_000, 1_000);
        cache.register(KEY, "b", 1_001, 1_001);

        cache.register(OTHER_KEY, "c", 1_250, 1_250);
        IdentityException replayOfEvicted =
                assertThrows(IdentityException.class, () -> cache.register(KEY, "a", 1_000, 1_250));

        assertThat(replayOfEvicted.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
    }

    @Test
    void inheritFrom_previousCache_keepsNoncesSpent() throws Exception {
        NonceCache previous = new NonceCache(10, 300);
        previous.register(KEY, "a", 100, 100);
        NonceCache rebuilt = new NonceCache(10, 600);

        rebuilt.inheritFrom(previous);
        IdentityException e = assertThrows(IdentityException.class, () -> rebuilt.register(KEY, "a", 100, 150));

        assertThat(e.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void inheritFrom_smallerCache_raisesFloor() throws Exception {
        NonceCache previous = new NonceCache(10, 300);
        previous.register(KEY, "c", 102, 102);
        previous.register(KEY, "a", 100, 102);
        previous.register(KEY, "b", 101, 102);
        NonceCache rebuilt = new NonceCache(2, 300);

        rebuilt.inheritFrom(previous);
        IdentityException dropped = assertThrows(IdentityException.class, () -> rebuilt.register(KEY, "a", 100, 103));
        IdentityException kept = assertThrows(IdentityException.class, () -> rebuilt.register(KEY, "c", 102, 103));

        assertThat(rebuilt.size()).isEqualTo(2);
        assertThat(dropped.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(kept.reason()).isEqualTo(ReasonCode.REPLAYED_NONCE);
    }

    @Test
    void register_signedBeforeStart_rejectedAsStale() throws Exception {
        NonceCache cache = new NonceCache(10, 300);
        cache.rejectSignedBefore(1_000);

        IdentityException e = assertThrows(IdentityException.class, () -> cache.register(KEY, "a", 999, 1_000));
        cache.register(KEY, "b", 1_000, 1_000);

        assertThat(e.reason()).isEqualTo(ReasonCode.STALE_SIGNATURE);
        assertThat(e.getMessage()).contains("before this node's verifier started");
        assertThat(cache.size()).isEqualTo(1);
    }
}
