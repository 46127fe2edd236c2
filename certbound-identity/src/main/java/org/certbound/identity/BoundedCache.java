package org.certbound.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A small thread-safe LRU map with a fixed maximum size; a single lock suffices for the lookups it serves. */
final class BoundedCache<K, V> {
    private final LinkedHashMap<K, V> entries;

    BoundedCache(int maximumSize) {
        if (maximumSize < 0) {
            throw new IllegalArgumentException("cache size must be >= 0, got [" + maximumSize + "]");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > maximumSize;
            }
        };
    }

    synchronized @Nullable V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(K key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}
