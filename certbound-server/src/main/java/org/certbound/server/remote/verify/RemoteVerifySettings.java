package org.certbound.server.remote.verify;

import static org.certbound.server.settings.Property.DYNAMIC;
import static org.certbound.server.settings.Property.RELOADABLE;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;

/**
 * Settings of signature verification on the fulfilling cluster: {@code cluster.remote.signing.*}.
 *
 * <p>Trust comes from PEM CA files or from a truststore, never both. With neither, every signed request and every
 * request for a key with a {@code certificate_identity} is rejected: the JDK's public CA bundle is never used.
 */
public final class RemoteVerifySettings {

    /** The maximum freshness window; longer windows make captured signatures replayable for longer. */
    static final Duration MAX_SIGNATURE_AGE_LIMIT = Duration.ofHours(1);

    /**
     * The maximum pattern matching budget. A DN match runs on a worker thread, so a longer budget would let one
     * signed request with a slow pattern hold that thread for as long, which turns the budget off in effect.
     */
    static final Duration PATTERN_TIMEOUT_LIMIT = Duration.ofSeconds(1);

    /** PEM files with the CA certificates that may issue signing certificates. */
    public static final Setting<List<String>> CERTIFICATE_AUTHORITIES = Setting.listSetting(
            "cluster.remote.signing.certificate_authorities",
            List.of(),
            "PEM files with the CA certificates trusted to issue the certificates that sign cross-cluster"
                    + " requests; relative paths resolve against the config directory",
            DYNAMIC);

    /** PKCS#12 or JKS truststore with the trusted CA certificates. */
    public static final Setting<Optional<Path>> TRUSTSTORE_PATH = Setting.pathSetting(
            "cluster.remote.signing.truststore.path",
            "PKCS#12 or JKS truststore with the CA certificates trusted to issue signing certificates; cannot be"
                    + " combined with certificate_authorities",
            DYNAMIC);

    /** The truststore type; inferred from the file extension when empty. */
    public static final Setting<String> TRUSTSTORE_TYPE = Setting.stringSetting(
            "cluster.remote.signing.truststore.type",
            "",
            RemoteVerifySettings::validateStoreType,
            "Type of the truststore, [PKCS12] or [JKS]; when empty, it is inferred from the file extension",
            DYNAMIC);

    /** The truststore password. */
    public static final Setting<Optional<SecureString>> TRUSTSTORE_SECURE_PASSWORD = Setting.secureStringSetting(
            "cluster.remote.signing.truststore.secure_password", "Password of the signing truststore", RELOADABLE);

    /** Whether a chain that fails validation is described in a WARN log line. */
    public static final Setting<Boolean> DIAGNOSE_TRUST = Setting.boolSetting(
            "cluster.remote.signing.diagnose.trust",
            true,
            "Whether to log, at WARN, the presented chain and the trusted CAs when a signing certificate chain is not"
                    + " trusted",
            DYNAMIC);

    /** How old a signature may be, which also bounds the clock skew tolerated between clusters. */
    public static final Setting<Duration> MAX_SIGNATURE_AGE = Setting.timeSetting(
            "cluster.remote.signing.max_signature_age",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            "How long a request signature stays valid after its signing time, and the clock skew tolerated"
                    + " between the clusters; at most 1h",
            DYNAMIC);

    /** How many recent nonces are remembered to reject replays inside the freshness window. */
    public static final Setting<Integer> NONCE_CACHE_MAX_SIZE = Setting.intSetting(
            "cluster.remote.signing.nonce_cache.max_size",
            100_000,
            1_000,
            10_000_000,
            "Maximum number of request nonces remembered for each cross-cluster API key to reject replayed"
                    + " signatures; size it above the number of requests one key signs within twice max_signature_age",
            DYNAMIC);

    /** The time budget for matching a certificate DN against a {@code certificate_identity} pattern. */
    public static final Setting<Duration> PATTERN_TIMEOUT = Setting.timeSetting(
            "cluster.remote.signing.pattern_timeout",
            Duration.ofMillis(100),
            Duration.ofMillis(1),
            "Time budget for matching the signing certificate's DN against an API key's certificate_identity"
                    + " pattern; a match that runs longer rejects the request; at most 1s",
            DYNAMIC);

    /** The settings whose change rebuilds the trust configuration. */
    public static final List<Setting<?>> TRUST_SETTINGS =
            List.of(CERTIFICATE_AUTHORITIES, TRUSTSTORE_PATH, TRUSTSTORE_TYPE, DIAGNOSE_TRUST);

    /** The settings whose change rebuilds the request verifier. */
    public static final List<Setting<?>> VERIFIER_SETTINGS = List.of(MAX_SIGNATURE_AGE, NONCE_CACHE_MAX_SIZE);

    private RemoteVerifySettings() {}

    /** Returns every declaration, for the node's settings registry. */
    public static List<Object> all() {
        return List.of(
                CERTIFICATE_AUTHORITIES,
                TRUSTSTORE_PATH,
                TRUSTSTORE_TYPE,
                TRUSTSTORE_SECURE_PASSWORD,
                DIAGNOSE_TRUST,
                MAX_SIGNATURE_AGE,
                NONCE_CACHE_MAX_SIZE,
                PATTERN_TIMEOUT);
    }

    /**
     * Returns whether {@code key} is one of this class's non-secure settings.
     *
     * @param key a setting key
     * @return true when a change of {@code key} concerns verification
     */
    public static boolean isVerifyKey(String key) {
        return key.startsWith("cluster.remote.signing.")
                && all().stream().anyMatch(s -> ((Setting<?>) s).key().equals(key));
    }

    static void validateStoreType(String type) {
        if (!type.isEmpty() && !type.equalsIgnoreCase("PKCS12") && !type.equalsIgnoreCase("JKS")) {
            throw new IllegalArgumentException("truststore type [" + type + "] is not supported; use [PKCS12] or"
                    + " [JKS], or leave it empty to infer the type from the file extension");
        }
    }
}
