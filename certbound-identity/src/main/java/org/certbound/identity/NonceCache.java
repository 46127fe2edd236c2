package org.certbound.identity;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers nonces of accepted signatures until their signing time leaves the freshness window.
 *
 * <p>Memory is bounded: when full, the oldest entry is dropped and its signing time becomes a floor. A signature not
 * newer than the floor can no longer be checked for replay, so it is rejected as stale. Thus a nonce is accepted at
 * most once, whatever the load.
 */
final class NonceCache {
    private final int capacity;
    private final long windowSeconds;
    private final LinkedHashMap<String, Long> signingTimes = new LinkedHashMap<>();
    private long floor = Long.MIN_VALUE;
    private long startFloor = Long.MIN_VALUE;

    NonceCache(int capacity, long windowSeconds) {
        this.capacity = capacity;
        this.windowSeconds = windowSeconds;
    }

    /** Records the nonce, or throws if it was seen before or its age can no longer be judged. */
    synchronized void register(String nonce, long signingTime, long now) throws IdentityException {
        evictExpired(now);
        if (signingTime < startFloor) {
            throw new IdentityException(
                    ReasonCode.STALE_SIGNATURE,
                    "the signature was made at epoch second [" + signingTime + "], before this verifier started at ["
                            + startFloor + "]; nonces accepted before a restart are not kept, so its replay cannot be"
                            + " ruled out; the querying cluster retries with a new signature");
        }
        if (signingTime <= floor) {
            throw new IdentityException(
                    ReasonCode.STALE_SIGNATURE,
                    "the nonce cache is full (" + capacity + " entries), so signatures made at or before epoch second ["
                            + floor + "] are rejected; raise the nonce cache size to the request rate times twice"
                            + " the freshness window");
        }
        if (signingTimes.containsKey(nonce)) {
            throw new IdentityException(
                    ReasonCode.REPLAYED_NONCE,
                    "nonce [" + nonce + "] was already used by an accepted request within the freshness window");
        }
        if (signingTimes.size() >= capacity) {
            Iterator<Map.Entry<String, Long>> eldest = signingTimes.entrySet().iterator();
            floor = Math.max(floor, eldest.next().getValue());
            eldest.remove();
        }
        signingTimes.put(nonce, signingTime);
    }

    /**
     * Copies the nonces and the floor of {@code previous}, so that a verifier rebuilt with new settings still rejects
     * the replay of a signature that the old one accepted. When this cache is smaller, the oldest entries are dropped
     * and raise the floor, as in {@link #register}.
     */
    void inheritFrom(NonceCache previous) {
        LinkedHashMap<String, Long> entries;
        long previousFloor;
        long previousStartFloor;
        synchronized (previous) {
            entries = new LinkedHashMap<>(previous.signingTimes);
            previousFloor = previous.floor;
            previousStartFloor = previous.startFloor;
        }
        synchronized (this) {
            floor = Math.max(floor, previousFloor);
            startFloor = Math.max(startFloor, previousStartFloor);
            for (Map.Entry<String, Long> entry : entries.entrySet()) {
                if (signingTimes.size() >= capacity) {
                    Iterator<Map.Entry<String, Long>> eldest =
                            signingTimes.entrySet().iterator();
                    floor = Math.max(floor, eldest.next().getValue());
                    eldest.remove();
                }
                signingTimes.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * Rejects, as stale, every signature made before {@code epochSecond}. A verifier that starts with an empty cache
     * after a restart cannot tell whether such a signature was accepted before, so this closes that replay gap.
     */
    synchronized void rejectSignedBefore(long epochSecond) {
        startFloor = Math.max(startFloor, epochSecond);
    }

    synchronized int size() {
        return signingTimes.size();
    }

    /** Drops entries from the oldest insertion on while they are outside the window. */
    private void evictExpired(long now) {
        Iterator<Map.Entry<String, Long>> entries = signingTimes.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue() >= now - windowSeconds) {
                return;
            }
            entries.remove();
        }
    }
}
