package org.certbound.server.remote.signing;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.SigningIdentity;
import org.certbound.server.settings.AffixSetting;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.certbound.server.settings.SettingsListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the signing identity of every remote cluster alias and keeps it current.
 *
 * <p>At startup every alias with {@code cluster.remote.<alias>.signing.*} settings is loaded, and any failure stops
 * the node. Afterwards three things reload an alias:
 *
 * <ul>
 *   <li>a cluster settings update, which {@link #validate} loads in full before it is accepted, so an invalid update
 *       is rejected with a reason and the previous configuration stays;
 *   <li>a changed file, which {@link #checkFiles} notices by content digest on every tick of
 *       {@code resource.reload.interval.high};
 *   <li>{@code POST /_nodes/reload_secure_settings}, through {@link #reload(SecureSettings)}.
 * </ul>
 *
 * <p>A failed file or keystore reload keeps the last good identity, logs a WARN naming the file and the reason, and
 * is retried on every tick. A key and certificate written at different moments therefore never produce a mismatched
 * pair in use: loading checks that the key belongs to the leaf, and until both files agree the previous pair signs.
 * The map of signers is swapped atomically, so a request gets either the old signer or the new one.
 */
public final class SigningConfigManager implements SettingsListener, SecureSettingsReloadListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SigningConfigManager.class);

    /** How long a replaced identity stays usable by requests that fetched its signer just before the swap. */
    private static final Duration RETIRE_DELAY = Duration.ofSeconds(30);

    private final Path configDir;
    private final Clock clock;
    private final AtomicReference<Map<String, AliasState>> states = new AtomicReference<>(Map.of());
    private final Object reloadLock = new Object();
    private volatile Settings settings = Settings.EMPTY;
    private volatile SecureValues secure = SecureValues.empty();
    private volatile @Nullable ScheduledExecutorService scheduler;
    private volatile @Nullable ScheduledFuture<?> fileChecks;

    /**
     * Creates a manager with no alias loaded; call {@link #start} next.
     *
     * @param configDir the directory relative paths resolve against
     * @param clock the clock that signers read signing times from
     */
    public SigningConfigManager(Path configDir, Clock clock) {
        this.configDir = configDir;
        this.clock = clock;
    }

    /**
     * Loads every alias's signing configuration.
     *
     * @param initial the node's effective settings
     * @param secureSettings the node's keystore
     * @throws IllegalStateException naming the alias, the setting and the reason when any alias fails to load, so a
     *     bad static configuration stops the node
     */
    public void start(Settings initial, SecureSettings secureSettings) {
        synchronized (reloadLock) {
            SecureValues copied = SecureValues.copyOf(secureSettings, SigningConfigManager::isSecureSigningKey);
            Map<String, AliasState> loaded = new LinkedHashMap<>();
            for (String alias : aliases(initial, copied)) {
                try {
                    AliasSigningConfig config = AliasSigningConfig.from(alias, initial, copied, configDir);
                    loaded.put(alias, loadOrThrow(config));
                } catch (IllegalArgumentException | KeyMaterialException e) {
                    throw new IllegalStateException(
                            "failed to load the signing configuration of remote cluster [" + alias + "]: "
                                    + e.getMessage(),
                            e);
                }
            }
            this.settings = initial;
            this.secure = copied;
            states.set(Map.copyOf(loaded));
            loaded.values().forEach(state -> logLoaded(state, "loaded"));
        }
    }

    /**
     * Checks the watched files every {@code interval} on {@code executor}, until {@link #close()}.
     *
     * @param executor the node's scheduler
     * @param interval the value of {@code resource.reload.interval.high}
     */
    public void scheduleFileChecks(ScheduledExecutorService executor, Duration interval) {
        this.scheduler = executor;
        long millis = interval.toMillis();
        this.fileChecks =
                executor.scheduleWithFixedDelay(this::checkFilesSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the signer of {@code alias}, or empty when the alias does not sign.
     *
     * @param alias the remote cluster alias
     * @return the signer in use now; it keeps working for a while after a reload replaces it
     */
    public Optional<RequestSigner> signerFor(String alias) {
        AliasState state = states.get().get(alias);
        return state == null || state.loaded() == null
                ? Optional.empty()
                : Optional.of(state.loaded().signer());
    }

    /**
     * Returns the signing state of {@code alias}, or empty when it has no signing settings.
     *
     * @param alias the remote cluster alias
     * @return whether it signs, with which certificate, and the last reload error
     */
    public Optional<SigningStatus> status(String alias) {
        AliasState state = states.get().get(alias);
        return state == null ? Optional.empty() : Optional.of(state.status());
    }

    /** Returns the aliases that have signing settings, sorted. */
    public Set<String> aliases() {
        return new TreeSet<>(states.get().keySet());
    }

    @Override
    public Predicate<String> keys() {
        return RemoteSigningSettings::isDynamicSigningKey;
    }

    /**
     * Loads the signing configuration of every alias in {@code candidate}, and rejects the update if one fails.
     *
     * @throws SettingsException naming the setting and the reason: settings that contradict each other, a missing or
     *     malformed file, a wrong password, an unknown keystore alias, or a key that does not match its certificate
     */
    @Override
    public void validate(Settings candidate) {
        synchronized (reloadLock) {
            for (String alias : aliases(candidate, secure)) {
                AliasSigningConfig config = AliasSigningConfig.from(alias, candidate, secure, configDir);
                if (!config.isConfigured()) {
                    continue;
                }
                try (SigningIdentity identity = config.load()) {
                    LOG.debug("[remote cluster {}] validated signing certificate [{}]", alias, identity.canonicalDn());
                } catch (KeyMaterialException e) {
                    throw new SettingsException(
                            config.settingPrefix(),
                            "invalid signing configuration for remote cluster [" + alias + "]: " + e.getMessage(),
                            e);
                }
            }
        }
    }

    @Override
    public void apply(Settings previous, Settings current) {
        synchronized (reloadLock) {
            Map<String, AliasState> before = states.get();
            Map<String, AliasState> after = new LinkedHashMap<>();
            for (String alias : aliases(current, secure)) {
                after.put(alias, reloadFromSettings(alias, current, before.get(alias)));
            }
            this.settings = current;
            publish(before, after);
        }
    }

    @Override
    public String name() {
        return "remote cluster signing";
    }

    /**
     * Reloads every alias with the keystore's new passwords.
     *
     * @throws IllegalStateException naming every alias that failed to load; those aliases keep signing with their
     *     previous identity, and the others switch
     */
    @Override
    public void reload(SecureSettings newSettings) {
        synchronized (reloadLock) {
            SecureValues copied = SecureValues.copyOf(newSettings, SigningConfigManager::isSecureSigningKey);
            SecureValues replaced = this.secure;
            this.secure = copied;
            Map<String, AliasState> before = states.get();
            Map<String, AliasState> after = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (String alias : aliases(settings, copied)) {
                AliasState state = reloadFromSettings(alias, settings, before.get(alias));
                if (state.lastError() != null) {
                    failures.add("[" + alias + "]: " + state.lastError());
                }
                after.put(alias, state);
            }
            publish(before, after);
            if (replaced != copied) {
                replaced.close();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(
                        "failed to reload the signing configuration of remote clusters " + String.join("; ", failures));
            }
        }
    }

    /**
     * Reloads every alias whose files changed, or whose last load failed, since it was last loaded.
     *
     * <p>The file digest is taken before the files are loaded, so a file replaced during a load is seen as changed
     * on the next call.
     */
    public void checkFiles() {
        synchronized (reloadLock) {
            Map<String, AliasState> before = states.get();
            Map<String, AliasState> after = new LinkedHashMap<>(before);
            boolean changed = false;
            for (AliasState state : before.values()) {
                if (!state.config().isConfigured() || !state.needsReload()) {
                    continue;
                }
                after.put(state.config().alias(), reloadFiles(state));
                changed = true;
            }
            if (changed) {
                publish(before, after);
            }
        }
    }

    /** Stops watching files. */
    @Override
    public void close() {
        ScheduledFuture<?> checks = fileChecks;
        if (checks != null) {
            checks.cancel(false);
        }
    }

    private void checkFilesSafely() {
        try {
            checkFiles();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep watching.
            LOG.error("checking the remote cluster signing files failed", e);
        }
    }

    private AliasState reloadFromSettings(String alias, Settings current, @Nullable AliasState previous) {
        AliasSigningConfig config;
        try {
            config = AliasSigningConfig.from(alias, current, secure, configDir);
        } catch (IllegalArgumentException e) {
            return failed(alias, previous, null, null, e.getMessage());
        }
        if (!config.isConfigured()) {
            return AliasState.unconfigured(config);
        }
        String digest = FileDigest.of(config.files());
        try {
            AliasState state = AliasState.loaded(config, load(config, digest));
            logLoaded(state, "loaded");
            return state;
        } catch (KeyMaterialException e) {
            return failed(alias, previous, config, digest, e.getMessage());
        }
    }

    private AliasState reloadFiles(AliasState state) {
        String digest = FileDigest.of(state.config().files());
        try {
            AliasState reloaded = AliasState.loaded(state.config(), load(state.config(), digest));
            logLoaded(reloaded, "reloaded changed files of");
            return reloaded;
        } catch (KeyMaterialException e) {
            return failed(state.config().alias(), state, state.config(), digest, e.getMessage());
        }
    }

    private AliasState failed(
            String alias,
            @Nullable AliasState previous,
            @Nullable AliasSigningConfig config,
            @Nullable String digest,
            @Nullable String reason) {
        String error = reason == null ? "unknown error" : reason;
        boolean repeated = previous != null && error.equals(previous.lastError());
        AliasState.Loaded kept = previous == null ? null : previous.loaded();
        String keeping = kept == null
                ? "the alias does not sign until it is fixed"
                : "keeping the previous signing certificate [" + kept.identity().canonicalDn() + "]";
        if (repeated) {
            LOG.debug("[remote cluster {}] signing configuration still fails to load, {}: {}", alias, keeping, error);
        } else {
            LOG.warn("[remote cluster {}] failed to load the signing configuration, {}: {}", alias, keeping, error);
        }
        AliasSigningConfig effective = config;
        if (effective == null) {
            effective = previous != null ? previous.config() : AliasSigningConfig.unconfigured(alias);
        }
        return new AliasState(effective, kept, error, clock.instant(), digest);
    }

    private AliasState loadOrThrow(AliasSigningConfig config) throws KeyMaterialException {
        if (!config.isConfigured()) {
            return AliasState.unconfigured(config);
        }
        String digest = FileDigest.of(config.files());
        return AliasState.loaded(config, load(config, digest));
    }

    private AliasState.Loaded load(AliasSigningConfig config, String digest) throws KeyMaterialException {
        SigningIdentity identity = config.load();
        return new AliasState.Loaded(identity, RequestSigner.create(identity, clock), digest);
    }

    private void publish(Map<String, AliasState> before, Map<String, AliasState> after) {
        states.set(Map.copyOf(after));
        for (AliasState old : before.values()) {
            if (old.loaded() == null) {
                continue;
            }
            AliasState current = after.get(old.config().alias());
            if (current == null || current.loaded() != old.loaded()) {
                retire(old.loaded().identity());
            }
        }
    }

    private void retire(SigningIdentity identity) {
        ScheduledExecutorService executor = scheduler;
        if (executor == null) {
            // Without a scheduler there is no safe moment to drop the key; the garbage collector does it.
            return;
        }
        executor.schedule(identity::close, RETIRE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void logLoaded(AliasState state, String verb) {
        AliasState.Loaded loaded = state.loaded();
        if (loaded == null) {
            return;
        }
        LOG.info(
                "[remote cluster {}] {} signing certificate [{}] (sha256 [{}], {}, notAfter [{}])",
                state.config().alias(),
                verb,
                loaded.identity().canonicalDn(),
                loaded.identity().fingerprint(),
                loaded.identity().algorithm().jwsName(),
                loaded.identity().notAfter());
    }

    private static Set<String> aliases(Settings settings, SecureValues secure) {
        Set<String> aliases = new TreeSet<>();
        for (AffixSetting<?> setting : RemoteSigningSettings.DYNAMIC_SETTINGS) {
            aliases.addAll(setting.namespaces(settings));
        }
        for (String key : secure.keys()) {
            for (AffixSetting<?> setting : RemoteSigningSettings.SECURE_SETTINGS) {
                setting.namespaceOf(key).ifPresent(aliases::add);
            }
        }
        return aliases;
    }

    private static boolean isSecureSigningKey(String key) {
        for (AffixSetting<?> setting : RemoteSigningSettings.SECURE_SETTINGS) {
            if (setting.matches(key)) {
                return true;
            }
        }
        return false;
    }
}
