package org.certbound.server.apikey;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.certbound.server.store.StateStore;
import org.certbound.server.store.StoredDocument;
import org.certbound.server.store.VersionConflictException;

/** Keeps API keys in the node's {@link StateStore}, collection {@value ApiKeyStore#COLLECTION}. */
final class StateStoreApiKeyStore implements ApiKeyStore {
    private final StateStore store;

    StateStoreApiKeyStore(StateStore store) {
        this.store = store;
    }

    @Override
    public Optional<Versioned> get(String id) {
        return store.get(COLLECTION, id).map(StateStoreApiKeyStore::read);
    }

    @Override
    public List<ApiKeyDocument> all() {
        List<ApiKeyDocument> keys = new ArrayList<>();
        for (StoredDocument document : store.list(COLLECTION)) {
            keys.add(read(document).document());
        }
        return keys;
    }

    @Override
    public void create(ApiKeyDocument document) {
        store.put(COLLECTION, document.id(), document.toStoredJson(), StateStore.MUST_NOT_EXIST);
    }

    @Override
    public void replace(ApiKeyDocument document, long expectedVersion) {
        try {
            store.put(COLLECTION, document.id(), document.toStoredJson(), OptionalLong.of(expectedVersion));
        } catch (VersionConflictException e) {
            ConcurrentModificationException conflict = new ConcurrentModificationException(e.getMessage());
            conflict.initCause(e);
            throw conflict;
        }
    }

    private static Versioned read(StoredDocument stored) {
        return new Versioned(ApiKeyDocument.fromStoredJson(stored.id(), stored.json()), stored.version());
    }
}
