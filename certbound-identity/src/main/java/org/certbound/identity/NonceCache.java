package org.certbound.identity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Remembers the nonces of accepted signatures until their signing time leaves the freshness window.
 *
 * <p>Nonces are kept in one partition per credential (the digest of the API key the request carried), so what one
 * caller sends can never make the cache reject another caller's signatures. Within a partition, entries expire and
 * are evicted in signing-time order. Memory is bounded per partition: when one is full, the entry with the earliest
 * signing time is dropped and that time becomes the partition's floor. A signature not newer than the floor can no
 * longer be checked for replay, so it is rejected as stale. So a nonce is accepted at most once, whatever the load,
 * and the floor stays at or below the earliest signing time remembered; NonceCacheTest checks both. The number of
 * partitions is bounded by the number of credentials that made a verified signature inside the window, because a
 * nonce is recorded only after its signature verifies.
 */
final class NonceCache {
    private final int capacity;
    private final long windowSeconds;
    private final Map<String, Partition> partitions = new HashMap<>();
    private long startFloor = Long.MIN_VALUE;
    private long lastSweep = Long.MIN_VALUE;

    /**
     * @param capacity the most nonces remembered for one credential
     * @param windowSeconds how long after its signing time a nonce must be remembered
     */
    NonceCache(int capacity, long windowSeconds) {
        this.capacity = capacity;
        this.windowSeconds = windowSeconds;
    }

    /**
     * Records the nonce, or throws if it was seen before or its age can no longer be judged.
     *
     * @param credential the digest of the request's credentials, which names the partition
     * @param nonce the nonce of a signature that verified
     * @param signingTime the signature's signing time, in epoch seconds
     * @param now the verifier's clock, in epoch seconds
     */
    synchronized void register(String credential, String nonce, long signingTime, long now) throws IdentityException {
        sweepOnceASecond(now);
        if (signingTime < startFloor) {
            throw new IdentityException(
                    ReasonCode.STALE_SIGNATURE,
                    "the signature was made at [" + java.time.Instant.ofEpochSecond(signingTime)
                            + "], before this node's verifier started at ["
                            + java.time.Instant.ofEpochSecond(startFloor)
                            + "]; nonces accepted before a restart are not kept, so its replay cannot be ruled out;"
                            + " a new signature made after that time is accepted");
        }
        Partition partition = partitions.computeIfAbsent(credential, ignored -> new Partition());
        partition.expire(now - windowSeconds);
        if (signingTime <= partition.floor) {
            throw new IdentityException(
                    ReasonCode.STALE_SIGNATURE,
                    "the nonce cache of this API key is full (" + capacity + " entries), so its signatures made at"
                            + " or before [" + java.time.Instant.ofEpochSecond(partition.floor)
                            + "] are rejected; raise [cluster.remote.signing.nonce_cache.max_size] to the key's"
                            + " request rate times twice the freshness window");
        }
        if (partition.signingTimes.containsKey(nonce)) {
            throw new IdentityException(
                    ReasonCode.REPLAYED_NONCE,
                    "nonce [" + nonce + "] was already used by an accepted request within the freshness window");
        }
        partition.add(nonce, signingTime, capacity);
    }

    /**
     * Copies the nonces and floors of {@code previous}, so that a verifier rebuilt with new settings still rejects
     * the replay of a signature that the old one accepted. When this cache is smaller, the earliest entries of a
     * partition are dropped and raise its floor, as in {@link #register}.
     */
    void inheritFrom(NonceCache previous) {
        Map<String, Partition> copies = new HashMap<>();
        long previousStartFloor;
        synchronized (previous) {
            previous.partitions.forEach((credential, partition) -> copies.put(credential, partition.copy()));
            previousStartFloor = previous.startFloor;
        }
        synchronized (this) {
            startFloor = Math.max(startFloor, previousStartFloor);
            copies.forEach((credential, copy) -> {
                Partition partition = partitions.computeIfAbsent(credential, ignored -> new Partition());
                partition.floor = Math.max(partition.floor, copy.floor);
                copy.signingTimes.forEach((nonce, time) -> {
                    if (!partition.signingTimes.containsKey(nonce)) {
                        partition.add(nonce, time, capacity);
                    }
                });
            });
        }
    }

    /**
     * Rejects, as stale, every signature made before {@code epochSecond}. A verifier that starts with an empty cache
     * after a restart cannot tell whether such a signature was accepted before, so this closes that replay gap.
     */
    synchronized void rejectSignedBefore(long epochSecond) {
        startFloor = Math.max(startFloor, epochSecond);
    }

    /** Returns the number of nonces remembered, over all partitions. */
    synchronized int size() {
        int size = 0;
        for (Partition partition : partitions.values()) {
            size += partition.signingTimes.size();
        }
        return size;
    }

    /** Returns the number of partitions, one for each credential with a nonce still remembered. */
    synchronized int partitionCount() {
        return partitions.size();
    }

    /**
     * Expires every partition at most once per second and drops the empty ones, so a credential without recent
     * requests keeps no entries.
     */
    private void sweepOnceASecond(long now) {
        if (now <= lastSweep) {
            return;
        }
        lastSweep = now;
        Iterator<Partition> iterator = partitions.values().iterator();
        while (iterator.hasNext()) {
            Partition partition = iterator.next();
            partition.expire(now - windowSeconds);
            if (partition.signingTimes.isEmpty() && partition.floor < now - windowSeconds) {
                // A floor still inside the window must be kept, or a signature below it could be replayed.
                iterator.remove();
            }
        }
    }

    /** The nonces of one credential, in a map for lookup and a queue ordered by signing time for eviction. */
    private static final class Partition {
        final Map<String, Long> signingTimes = new HashMap<>();
        final PriorityQueue<Entry> bySigningTime = new PriorityQueue<>();
        long floor = Long.MIN_VALUE;

        void add(String nonce, long signingTime, int capacity) {
            while (signingTimes.size() >= capacity) {
                Entry earliest = bySigningTime.remove();
                signingTimes.remove(earliest.nonce());
                floor = Math.max(floor, earliest.signingTime());
            }
            signingTimes.put(nonce, signingTime);
            bySigningTime.add(new Entry(nonce, signingTime));
        }

        /** Drops entries signed before {@code oldestKept}; they are outside the window and rejected as stale. */
        void expire(long oldestKept) {
            while (!bySigningTime.isEmpty() && bySigningTime.peek().signingTime() < oldestKept) {
                signingTimes.remove(bySigningTime.remove().nonce());
            }
        }

        Partition copy() {
            Partition copy = new Partition();
            copy.signingTimes.putAll(signingTimes);
            copy.bySigningTime.addAll(bySigningTime);
            copy.floor = floor;
            return copy;
        }
    }

    private record Entry(String nonce, long signingTime) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            return Long.compare(signingTime, other.signingTime);
        }
    }
}
