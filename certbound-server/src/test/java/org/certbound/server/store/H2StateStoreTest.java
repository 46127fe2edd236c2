package org.certbound.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2StateStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void put_createsThenIncrementsVersion() {
        try (H2StateStore store = H2StateStore.open(dataDir)) {
            StoredDocument first = store.put("keys", "a", "{\"v\":1}", OptionalLong.empty());
            StoredDocument second = store.put("keys", "a", "{\"v\":2}", OptionalLong.of(1));

            assertThat(first.version()).isEqualTo(1);
            assertThat(second.version()).isEqualTo(2);
            assertThat(store.get("keys", "a"))
                    .hasValueSatisfying(d -> assertThat(d.json()).isEqualTo("{\"v\":2}"));
        }
    }

    @Test
    void put_wrongVersionConflicts() {
        try (H2StateStore store = H2StateStore.open(dataDir)) {
            store.put("keys", "a", "{}", OptionalLong.empty());

            assertThatThrownBy(() -> store.put("keys", "a", "{}", OptionalLong.of(7)))
                    .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                        assertThat(e.expectedVersion()).isEqualTo(7);
                        assertThat(e.actualVersion()).isEqualTo(1);
                    });
        }
    }

    @Test
    void put_mustNotExistConflictsOnExisting() {
        try (H2StateStore store = H2StateStore.open(dataDir)) {
            store.put("keys", "a", "{}", StateStore.MUST_NOT_EXIST);

            assertThatThrownBy(() -> store.put("keys", "a", "{}", StateStore.MUST_NOT_EXIST))
                    .isInstanceOf(VersionConflictException.class);
        }
    }

    @Test
    void listAndDelete_workPerCollection() {
        try (H2StateStore store = H2StateStore.open(dataDir)) {
            store.put("keys", "b", "{}", OptionalLong.empty());
            store.put("keys", "a", "{}", OptionalLong.empty());
            store.put("other", "c", "{}", OptionalLong.empty());

            assertThat(store.list("keys")).extracting(StoredDocument::id).containsExactly("a", "b");
            assertThat(store.delete("keys", "a")).isTrue();
            assertThat(store.delete("keys", "a")).isFalse();
            assertThat(store.get("keys", "a")).isEmpty();
            assertThat(store.list("other")).hasSize(1);
        }
    }

    @Test
    void reopen_keepsDocuments() {
        try (H2StateStore store = H2StateStore.open(dataDir)) {
            store.put("keys", "a", "{\"x\":true}", OptionalLong.empty());
        }

        try (H2StateStore store = H2StateStore.open(dataDir)) {
            assertThat(store.get("keys", "a"))
                    .hasValueSatisfying(d -> assertThat(d.version()).isEqualTo(1));
        }
    }
}
