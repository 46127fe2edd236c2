package org.certbound.server.store;

import java.util.Objects;

/**
 * One document of the {@link StateStore}.
 *
 * @param collection the collection, for example {@code api_keys}
 * @param id the document id, unique within the collection
 * @param json the document body as JSON text
 * @param version the version, 1 for a new document and one more on each write
 */
public record StoredDocument(String collection, String id, String json, long version) {

    /** Checks that every field is set and the version is positive. */
    public StoredDocument {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        if (version < 1) {
            throw new IllegalArgumentException("document version must be >= 1, got [" + version + "]");
        }
    }

    /** Names the document without its body, which may hold hashed secrets. */
    @Override
    public String toString() {
        return "StoredDocument[" + collection + "/" + id + ", version=" + version + "]";
    }
}
