package org.certbound.server.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.certbound.server.store.StateStore;
import org.certbound.server.store.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's dynamic settings, with Elasticsearch's precedence: transient over persistent over the config file.
 * Only explicitly set keys are in {@link #effective()}; a {@link Setting} supplies its own default.
 *
 * <p>{@link #update} validates a whole request before it applies any of it, stores the persistent part in the
 * {@link StateStore} and then notifies the listeners in registration order. Transient settings are lost on
 * restart.
 */
public final class ClusterSettings {

    /** The state store collection of the persistent settings document. */
    public static final String COLLECTION = "cluster_settings";

    private static final String PERSISTENT_ID = "persistent";
    private static final Logger logger = LoggerFactory.getLogger(ClusterSettings.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The outcome of an accepted update.
     *
     * @param persistent the persistent keys this update set (resets are not listed)
     * @param transientSettings the transient keys this update set
     */
    public record UpdateResult(Settings persistent, Settings transientSettings) {}

    private record State(Settings persistent, Settings transientSettings, Settings effective, long storedVersion) {}

    private final SettingsRegistry registry;
    private final Settings file;
    private final StateStore store;
    private final List<SettingsListener> listeners = new CopyOnWriteArrayList<>();
    private volatile State state;

    /**
     * Creates the node's dynamic settings and loads the stored persistent settings. A stored key that is no
     * longer known, or whose value is no longer valid, is dropped with a warning.
     */
    public ClusterSettings(SettingsRegistry registry, Settings file, StateStore store) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.file = Objects.requireNonNull(file, "file");
        this.store = Objects.requireNonNull(store, "store");
        Optional<StoredDocument> stored = store.get(COLLECTION, PERSISTENT_ID);
        Settings persistent = stored.map(doc -> dropInvalid(parseStored(doc))).orElse(Settings.EMPTY);
        long version = stored.map(StoredDocument::version).orElse(0L);
        this.state = new State(persistent, Settings.EMPTY, file.merge(persistent), version);
    }

    /** Returns the explicitly set settings: transient over persistent over the config file. */
    public Settings effective() {
        return state.effective;
    }

    /** Returns the parsed value of {@code setting} from {@link #effective()}, or its default. */
    public <T> T get(Setting<T> setting) {
        return setting.get(state.effective);
    }

    /** Returns the persistent settings. */
    public Settings persistent() {
        return state.persistent;
    }

    /** Returns the transient settings. */
    public Settings transientSettings() {
        return state.transientSettings;
    }

    /** Returns the settings of the config file and {@code -E} options. */
    public Settings file() {
        return file;
    }

    /** Returns the registry the updates are validated against. */
    public SettingsRegistry registry() {
        return registry;
    }

    /** Adds a listener, which receives only the updates after this call. */
    public void addListener(SettingsListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Validates and applies an update in the body shape of {@code PUT /_cluster/settings}. Each map may be flat
     * or nested, and a {@code null} value resets the key (a key ending in {@code *} resets every key with that
     * prefix).
     *
     * @throws SettingsException for an unknown, non-dynamic or secure key or an invalid value
     * @throws IllegalArgumentException when a listener rejects the update
     */
    public synchronized UpdateResult update(Map<String, Object> persistent, Map<String, Object> transientSettings) {
        State current = state;
        Map<String, Object> persistentChanges = Settings.flatten(persistent == null ? Map.of() : persistent);
        Map<String, Object> transientChanges =
                Settings.flatten(transientSettings == null ? Map.of() : transientSettings);

        Settings nextPersistent = applyChanges("persistent", current.persistent, persistentChanges);
        Settings nextTransient = applyChanges("transient", current.transientSettings, transientChanges);
        Settings nextEffective = file.merge(nextPersistent).merge(nextTransient);
        Set<String> changed = changedKeys(current.effective, nextEffective);
        for (SettingsListener listener : listeners) {
            if (changed.stream().anyMatch(listener.keys())) {
                listener.validate(nextEffective);
            }
        }

        long storedVersion = current.storedVersion;
        if (!nextPersistent.equals(current.persistent)) {
            storedVersion = storePersistent(nextPersistent, current.storedVersion);
        }
        state = new State(nextPersistent, nextTransient, nextEffective, storedVersion);
        notifyListeners(current.effective, nextEffective, changed);
        return new UpdateResult(setKeys(persistentChanges), setKeys(transientChanges));
    }

    private Settings applyChanges(String scope, Settings base, Map<String, Object> changes) {
        Settings.Builder next = Settings.builder().put(base);
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String key = change.getKey();
            if (change.getValue() == null) {
                reset(next, base, key);
                continue;
            }
            Setting<?> setting = checkUpdatable(scope, key);
            Settings single = Settings.fromFlatOrNested(Map.of(key, change.getValue()));
            setting.get(single);
            next.put(single);
        }
        return next.build();
    }

    private Setting<?> checkUpdatable(String scope, String key) {
        Optional<Setting<?>> setting = registry.lookup(key);
        if (setting.isEmpty()) {
            throw new SettingsException(
                    key, "unknown " + scope + " setting [" + key + "]" + registry.unknownKeyHint(key));
        }
        if (setting.get().isSecure()) {
            throw new SettingsException(
                    key,
                    scope + " setting [" + key + "] is a secure setting: store it with [certbound keystore add " + key
                            + "] and call [POST /_nodes/reload_secure_settings]");
        }
        if (!setting.get().isDynamic()) {
            throw new SettingsException(
                    key,
                    scope + " setting [" + key + "] is not dynamic: set it in [certbound.yml] and restart the node");
        }
        return setting.get();
    }

    private static void reset(Settings.Builder next, Settings base, String key) {
        if (key.endsWith("*")) {
            String prefix = key.substring(0, key.length() - 1);
            base.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(next::remove);
        } else {
            next.remove(key);
        }
    }

    private long storePersistent(Settings persistent, long expectedVersion) {
        try {
            String json = MAPPER.writeValueAsString(persistent.asFlatMap());
            return store.put(COLLECTION, PERSISTENT_ID, json, OptionalLong.of(expectedVersion))
                    .version();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to serialize the persistent settings", e);
        }
    }

    private void notifyListeners(Settings previous, Settings next, Set<String> changed) {
        for (SettingsListener listener : listeners) {
            if (changed.stream().noneMatch(listener.keys())) {
                continue;
            }
            try {
                listener.apply(previous, next);
            } catch (RuntimeException e) {
                logger.error("settings listener [{}] failed to apply keys {}", listener, changed, e);
            }
        }
    }

    private static Set<String> changedKeys(Settings before, Settings after) {
        Set<String> changed = new LinkedHashSet<>();
        for (String key : before.keySet()) {
            if (!Objects.equals(before.getRaw(key), after.getRaw(key))) {
                changed.add(key);
            }
        }
        for (String key : after.keySet()) {
            if (!before.hasValue(key)) {
                changed.add(key);
            }
        }
        return changed;
    }

    private static Settings setKeys(Map<String, Object> changes) {
        Settings.Builder set = Settings.builder();
        changes.forEach((key, value) -> {
            if (value != null) {
                set.put(Settings.fromFlatOrNested(Map.of(key, value)));
            }
        });
        return set.build();
    }

    private static Settings parseStored(StoredDocument document) {
        try {
            Map<String, Object> map = MAPPER.readValue(document.json(), new TypeReference<Map<String, Object>>() {});
            return Settings.fromFlatOrNested(map);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            logger.warn("ignoring the unreadable persistent settings in [{}]", document, e);
            return Settings.EMPTY;
        }
    }

    private Settings dropInvalid(Settings stored) {
        List<String> dropped = new ArrayList<>();
        Settings kept = stored.filter(key -> {
            Optional<Setting<?>> setting = registry.lookup(key);
            try {
                if (setting.isPresent()
                        && setting.get().isDynamic()
                        && !setting.get().isSecure()) {
                    setting.get().get(stored);
                    return true;
                }
            } catch (IllegalArgumentException e) {
                logger.warn("ignoring the stored persistent setting [{}]: {}", key, e.getMessage());
                return false;
            }
            dropped.add(key);
            return false;
        });
        if (!dropped.isEmpty()) {
            logger.warn("ignoring stored persistent settings {} that are unknown or no longer dynamic", dropped);
        }
        return kept;
    }
}
