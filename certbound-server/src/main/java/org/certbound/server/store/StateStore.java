package org.certbound.server.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A durable document store for security state (API keys, persistent cluster settings). Documents are JSON text
 * addressed by collection and id, each with a version for optimistic concurrency.
 *
 * <p>Every write is durable when the method returns: an acknowledged write survives a crash of the node
 * process. Implementations are thread-safe.
 */
public interface StateStore extends AutoCloseable {

    /** The expected version meaning "the document must not exist yet". */
    OptionalLong MUST_NOT_EXIST = OptionalLong.of(0);

    /** Returns the document, or empty when it does not exist. */
    Optional<StoredDocument> get(String collection, String id);

    /** Returns every document of {@code collection}, sorted by id. */
    List<StoredDocument> list(String collection);

    /**
     * Creates or replaces a document and returns it with its new version.
     *
     * @param expectedVersion empty to write unconditionally, {@code 0} ({@link #MUST_NOT_EXIST}) to create only,
     *     otherwise the version the stored document must have
     * @throws VersionConflictException when {@code expectedVersion} does not match
     * @throws StateStoreException when the store fails
     */
    StoredDocument put(String collection, String id, String json, OptionalLong expectedVersion);

    /**
     * Deletes a document.
     *
     * @return whether the document existed
     */
    boolean delete(String collection, String id);

    /** Closes the store; later calls fail. */
    @Override
    void close();
}
