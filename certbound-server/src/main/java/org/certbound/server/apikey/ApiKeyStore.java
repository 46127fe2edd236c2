package org.certbound.server.apikey;

import java.util.List;
import java.util.Optional;

/** Durable storage of API key documents with optimistic concurrency. */
interface ApiKeyStore {
    /** The collection name in the state store. */
    String COLLECTION = "api_keys";

    /** A document with the store version it was read at. */
    record Versioned(ApiKeyDocument document, long version) {}

    /** Returns the key, or empty when no key has this id. */
    Optional<Versioned> get(String id);

    /** Returns every key. */
    List<ApiKeyDocument> all();

    /** Stores a new key; fails when the id exists. */
    void create(ApiKeyDocument document);

    /**
     * Replaces a key read at {@code expectedVersion}.
     *
     * @throws java.util.ConcurrentModificationException when another write came in between
     */
    void replace(ApiKeyDocument document, long expectedVersion);
}
