package org.certbound.server.remote.verify;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.certbound.identity.ChainValidator;
import org.certbound.identity.KeyMaterialException;
import org.certbound.identity.RequestVerifier;
import org.certbound.identity.TrustAnchors;
import org.certbound.server.remote.signing.FileDigest;
import org.certbound.server.remote.signing.SecureValues;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsException;
import org.certbound.server.settings.SettingsListener;
import org.certbound.server.settings.TimeValues;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the trust anchors and the request verifier of the fulfilling cluster and keeps them current.
 *
 * <p>Trust comes from {@code cluster.remote.signing.certificate_authorities} or the truststore. With neither, the
 * anchors are empty and every signed request is rejected with {@code no_trust_configured}: the JDK's CA bundle is
 * never used. Like the signing side, an update is loaded in full by {@link #validate} before it is accepted, the
 * files are checked by content on every tick, and a failed reload keeps the previous trust and logs a WARN.
 *
 * <p>The verifier fetches the chain validator on every request, so a trust swap takes effect for the next request
 * without rebuilding the verifier or losing its nonce memory.
 */
public final class TrustConfigManager implements SettingsListener, SecureSettingsReloadListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrustConfigManager.class);

    /** The running JDK's home; its {@code cacerts} is the public CA bundle a trust setting may point at by mistake. */
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    private final Path configDir;
    private final Clock clock;
    private final AtomicReference<TrustState> trust = new AtomicReference<>();
    private final AtomicReference<VerifierState> verifier = new AtomicReference<>();
    private final Object reloadLock = new Object();
    private volatile Settings settings = Settings.EMPTY;
    private volatile SecureValues secure = SecureValues.empty();
    private volatile Duration patternTimeout = RemoteVerifySettings.PATTERN_TIMEOUT.get(Settings.EMPTY);
    private volatile boolean diagnoseTrust = true;
    private volatile @Nullable ScheduledFuture<?> fileChecks;

    /**
     * Creates a manager that trusts nothing until {@link #start} loads the settings.
     *
     * @param configDir the directory relative paths resolve against
     * @param clock the clock for signature freshness and certificate validity
     */
    public TrustConfigManager(Path configDir, Clock clock) {
        this.configDir = configDir;
        this.clock = clock;
        TrustConfig none = new TrustConfig(java.util.List.of(), null, "");
        trust.set(TrustState.loaded(none, TrustAnchors.empty(), FileDigest.of(none.files())));
        verifier.set(buildVerifier(Settings.EMPTY, null));
    }

    /**
     * Loads the trust settings.
     *
     * @param initial the node's effective settings
     * @param secureSettings the node's keystore
     * @param remoteServerEnabled whether this node accepts cross-cluster requests, so that missing trust deserves a
     *     warning
     * @throws IllegalStateException naming the setting and the reason when the trust configuration fails to load
     */
    public void start(Settings initial, SecureSettings secureSettings, boolean remoteServerEnabled) {
        synchronized (reloadLock) {
            SecureValues copied = SecureValues.copyOf(secureSettings, TrustConfigManager::isSecureTrustKey);
            TrustConfig config;
            TrustState loaded;
            try {
                checkUpperBounds(initial);
                config = TrustConfig.from(initial, configDir);
                loaded = load(config, copied);
            } catch (IllegalArgumentException | KeyMaterialException e) {
                throw new IllegalStateException(
                        "failed to load the cross-cluster signing trust configuration: " + e.getMessage(), e);
            }
            this.secure = copied;
            applyScalars(initial);
            trust.set(loaded);
            logTrust(loaded, "loaded");
            if (!config.isConfigured() && remoteServerEnabled) {
                LOG.warn(
                        "no trust is configured for cross-cluster request signatures: set [{}] or [{}]; until then"
                                + " every signed request and every request with an API key that has a"
                                + " certificate_identity is rejected with [{}]",
                        RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(),
                        RemoteVerifySettings.TRUSTSTORE_PATH.key(),
                        FailureCodes.NO_TRUST_CONFIGURED);
            }
        }
    }

    /**
     * Checks the watched files every {@code interval} on {@code executor}, until {@link #close()}.
     *
     * @param executor the node's scheduler
     * @param interval the value of {@code resource.reload.interval.high}
     */
    public void scheduleFileChecks(ScheduledExecutorService executor, Duration interval) {
        long millis = interval.toMillis();
        this.fileChecks =
                executor.scheduleWithFixedDelay(this::checkFilesSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Returns whether any trust anchor is configured. */
    public boolean isTrustConfigured() {
        return !trust.get().anchors().isEmpty();
    }

    /** Returns the trust anchors in use. */
    public TrustAnchors trustAnchors() {
        return trust.get().anchors();
    }

    /** Returns the verifier in use; it reads the current trust on every call. */
    public RequestVerifier verifier() {
        return verifier.get().verifier();
    }

    /** Returns the time budget for matching a DN against a certificate identity pattern. */
    public Duration patternTimeout() {
        return patternTimeout;
    }

    /** Returns whether chain failures are described at WARN. */
    public boolean diagnoseTrust() {
        return diagnoseTrust;
    }

    /**
     * Returns why the trust in use is broader than a cluster's own CAs: a system CA bundle or more than
     * {@value TrustBreadth#MAX_NARROW_ANCHORS} certificates. Empty when it is not.
     */
    public Optional<String> breadthWarning() {
        return Optional.ofNullable(trust.get().breadthWarning());
    }

    /** Returns why the last trust reload failed, or null when it succeeded. */
    public @Nullable String lastReloadError() {
        return trust.get().lastError();
    }

    @Override
    public Predicate<String> keys() {
        return RemoteVerifySettings::isVerifyKey;
    }

    /**
     * Loads the trust configuration of {@code candidate} in full, and rejects the update if it fails.
     *
     * @throws SettingsException naming the setting and the reason: CA files and truststore together, a missing or
     *     malformed file, a file that contains no CA certificate, or a wrong truststore password
     */
    @Override
    public void validate(Settings candidate) {
        checkUpperBounds(candidate);
        synchronized (reloadLock) {
            TrustConfig config = TrustConfig.from(candidate, configDir);
            try {
                config.load(secure);
            } catch (KeyMaterialException e) {
                throw new SettingsException(
                        config.truststore() != null
                                ? RemoteVerifySettings.TRUSTSTORE_PATH.key()
                                : RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(),
                        "invalid cross-cluster signing trust configuration: " + e.getMessage(),
                        e);
            }
        }
    }

    private static void checkUpperBounds(Settings candidate) {
        checkAtMost(
                candidate,
                RemoteVerifySettings.MAX_SIGNATURE_AGE,
                RemoteVerifySettings.MAX_SIGNATURE_AGE_LIMIT,
                "a longer window keeps captured signatures replayable for longer");
        checkAtMost(
                candidate,
                RemoteVerifySettings.PATTERN_TIMEOUT,
                RemoteVerifySettings.PATTERN_TIMEOUT_LIMIT,
                "a longer budget lets one signed request with a slow certificate_identity pattern hold a worker"
                        + " thread for that long");
    }

    private static void checkAtMost(Settings candidate, Setting<Duration> setting, Duration limit, String reason) {
        Duration value = setting.get(candidate);
        if (value.compareTo(limit) > 0) {
            throw new SettingsException(
                    setting.key(),
                    "[" + setting.key() + "] is [" + TimeValues.format(value) + "] but must be at most ["
                            + TimeValues.format(limit) + "], because " + reason);
        }
    }

    @Override
    public void apply(Settings previous, Settings current) {
        synchronized (reloadLock) {
            this.settings = current;
            applyScalars(current);
            if (!trustSettingsEqual(previous, current)) {
                reloadTrust("applied the updated");
            }
        }
    }

    @Override
    public String name() {
        return "remote cluster signing trust";
    }

    /**
     * Reloads the truststore with the keystore's new password.
     *
     * @throws IllegalStateException when the truststore fails to load; the previous trust stays in use
     */
    @Override
    public void reload(SecureSettings newSettings) {
        synchronized (reloadLock) {
            SecureValues replaced = this.secure;
            this.secure = SecureValues.copyOf(newSettings, TrustConfigManager::isSecureTrustKey);
            replaced.close();
            TrustState state = reloadTrust("reloaded the keystore for the");
            if (state.lastError() != null) {
                throw new IllegalStateException(
                        "failed to reload the cross-cluster signing trust configuration: " + state.lastError());
            }
        }
    }

    /** Reloads the trust when a watched file changed, or when the last load failed. */
    public void checkFiles() {
        synchronized (reloadLock) {
            TrustState current = trust.get();
            if (current.lastError() == null
                    && FileDigest.of(current.config().files()).equals(current.digest())) {
                return;
            }
            reloadTrust("reloaded changed files of the");
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

    private TrustState reloadTrust(String verb) {
        TrustState previous = trust.get();
        TrustConfig config;
        try {
            config = TrustConfig.from(settings, configDir);
        } catch (IllegalArgumentException e) {
            return keepPrevious(previous, previous.config(), previous.digest(), e.getMessage());
        }
        String digest = FileDigest.of(config.files());
        try {
            TrustState loaded = load(config, secure);
            trust.set(loaded);
            logTrust(loaded, verb);
            return loaded;
        } catch (IllegalArgumentException | KeyMaterialException e) {
            return keepPrevious(previous, config, digest, e.getMessage());
        }
    }

    private TrustState keepPrevious(TrustState previous, TrustConfig config, String digest, @Nullable String reason) {
        String error = reason == null ? "unknown error" : reason;
        if (error.equals(previous.lastError())) {
            LOG.debug("cross-cluster signing trust still fails to load, keeping the previous trust: {}", error);
        } else {
            LOG.warn(
                    "failed to reload the cross-cluster signing trust, keeping the previous trust {}: {}",
                    previous.anchors().subjects(),
                    error);
        }
        TrustState kept = new TrustState(
                config,
                previous.anchors(),
                previous.validator(),
                digest,
                error,
                clock.instant(),
                previous.breadthWarning());
        trust.set(kept);
        return kept;
    }

    private TrustState load(TrustConfig config, SecureValues values) throws KeyMaterialException {
        // The digest is taken before the files are read, so a write during the load shows up on the next tick.
        String digest = FileDigest.of(config.files());
        TrustAnchors anchors = config.load(values);
        return TrustState.loaded(config, anchors, digest);
    }

    private void applyScalars(Settings current) {
        this.patternTimeout = RemoteVerifySettings.PATTERN_TIMEOUT.get(current);
        this.diagnoseTrust = RemoteVerifySettings.DIAGNOSE_TRUST.get(current);
        VerifierState state = verifier.get();
        if (state == null || !state.sameSettings(current)) {
            // The new verifier inherits the accepted nonces, so a signature seen just before the change stays spent.
            verifier.set(buildVerifier(current, state));
        }
        this.settings = current;
    }

    private VerifierState buildVerifier(Settings current, @Nullable VerifierState previous) {
        Duration window = RemoteVerifySettings.MAX_SIGNATURE_AGE.get(current);
        int nonces = RemoteVerifySettings.NONCE_CACHE_MAX_SIZE.get(current);
        RequestVerifier.Builder builder = RequestVerifier.builder(
                        () -> trust.get().validator())
                .freshnessWindow(window)
                .nonceCacheSize(nonces)
                .clock(clock);
        if (previous != null) {
            builder.inheritNonces(previous.verifier());
        } else {
            // The first verifier of this process: nonces accepted before a restart are gone, so signatures older than
            // this moment are rejected instead of being checked against an empty cache.
            builder.rejectSignedBefore(clock.instant());
        }
        RequestVerifier built = builder.build();
        return new VerifierState(built, window, nonces);
    }

    private static boolean trustSettingsEqual(Settings previous, Settings current) {
        return TrustConfig.from(previous, Path.of("")).equals(TrustConfig.from(current, Path.of("")));
    }

    private static void logTrust(TrustState state, String verb) {
        if (state.anchors().isEmpty()) {
            LOG.info("{} cross-cluster signing trust: no certificate authority is trusted", verb);
            return;
        }
        LOG.info(
                "{} cross-cluster signing trust from {}: {} sha256 {}",
                verb,
                state.anchors().source(),
                state.anchors().subjects(),
                state.anchors().fingerprints());
        if (state.breadthWarning() != null) {
            LOG.warn("{}", state.breadthWarning());
        }
    }

    private static boolean isSecureTrustKey(String key) {
        return key.equals(RemoteVerifySettings.TRUSTSTORE_SECURE_PASSWORD.key());
    }

    private void checkFilesSafely() {
        try {
            checkFiles();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; keep watching.
            LOG.error("checking the cross-cluster signing trust files failed", e);
        }
    }

    /**
     * The trust in use and the outcome of the last load.
     *
     * @param config the configuration of the last load attempt
     * @param anchors the anchors in use
     * @param validator the validator over {@code anchors}
     * @param digest the file digest of the last load attempt
     * @param lastError why the last load failed, or null
     * @param lastFailure when it failed, or null
     * @param breadthWarning why the anchors in use are broader than a cluster's own CAs, or null
     */
    record TrustState(
            TrustConfig config,
            TrustAnchors anchors,
            ChainValidator validator,
            String digest,
            @Nullable String lastError,
            @Nullable Instant lastFailure,
            @Nullable String breadthWarning) {

        static TrustState loaded(TrustConfig config, TrustAnchors anchors, String digest) {
            String warning =
                    TrustBreadth.warning(config.files(), anchors, JAVA_HOME).orElse(null);
            return new TrustState(config, anchors, ChainValidator.create(anchors), digest, null, null, warning);
        }
    }

    private record VerifierState(RequestVerifier verifier, Duration window, int nonceCacheSize) {
        boolean sameSettings(Settings current) {
            return window.equals(RemoteVerifySettings.MAX_SIGNATURE_AGE.get(current))
                    && nonceCacheSize == RemoteVerifySettings.NONCE_CACHE_MAX_SIZE.get(current);
        }
    }
}
