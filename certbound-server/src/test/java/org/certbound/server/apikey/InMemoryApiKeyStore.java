package org.certbound.server.apikey;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A store in memory that round-trips documents through their stored JSON, and counts reads. */
final class InMemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, Versioned> documents = new ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<Versioned> get(String id) {
        reads.incrementAndGet();
        return Optional.ofNullable(documents.get(id)).map(InMemoryApiKeyStore::roundTrip);
    }

    @Override
    public List<ApiKeyDocument> all() {
        List<ApiKeyDocument> all = new ArrayList<>();
        documents.values().forEach(v -> all.add(roundTrip(v).document()));
        return all;
    }

    @Override
    public synchronized void create(ApiKeyDocument document) {
        if (documents.putIfAbsent(document.id(), new Versioned(document, 1)) != null) {
            throw new IllegalStateException("duplicate id " + document.id());
        }
    }

    @Override
    public synchronized void replace(ApiKeyDocument document, long expectedVersion) {
        Versioned current = documents.get(document.id());
        if (current == null || current.version() != expectedVersion) {
            throw new ConcurrentModificationException(document.id());
        }
        documents.put(document.id(), new Versioned(document, expectedVersion + 1));
    }

    String storedJson(String id) {
        return documents.get(id).document().toStoredJson();
    }

    private static Versioned roundTrip(Versioned versioned) {
        ApiKeyDocument document = versioned.document();
        return new Versioned(
                ApiKeyDocument.fromStoredJson(document.id(), document.toStoredJson()), versioned.version());
    }
}
