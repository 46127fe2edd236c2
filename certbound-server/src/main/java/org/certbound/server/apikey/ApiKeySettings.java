package org.certbound.server.apikey;

import java.time.Duration;
import java.util.List;
import org.certbound.server.settings.Setting;

/** The settings of API keys, with Elasticsearch's keys. */
public final class ApiKeySettings {
    /** The hash for the secrets of new keys; existing keys keep the hash they were stored with. */
    public static final Setting<ApiKeyHasher.Algorithm> HASHING_ALGORITHM = Setting.enumSetting(
            "xpack.security.authc.api_key.hashing.algorithm",
            ApiKeyHasher.Algorithm.class,
            ApiKeyHasher.Algorithm.SSHA256,
            "The hash for the secrets of new API keys: ssha256 (salted SHA-256) or pbkdf2.");

    /** How long a verified secret stays cached after its last use. */
    public static final Setting<Duration> CACHE_TTL = Setting.timeSetting(
            "xpack.security.authc.api_key.cache.ttl",
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            "How long a verified API key secret stays cached after its last use.");

    /** How many keys the caches hold. */
    public static final Setting<Integer> CACHE_MAX_KEYS = Setting.intSetting(
            "xpack.security.authc.api_key.cache.max_keys",
            25_000,
            1,
            10_000_000,
            "The maximum number of API keys the authentication caches hold.");

    /** How long a stored key document stays cached; writes on this node drop it at once. */
    public static final Setting<Duration> DOC_CACHE_TTL = Setting.timeSetting(
            "xpack.security.authc.api_key.doc_cache.ttl",
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            "How long a stored API key stays cached; writes on this node drop it at once, other nodes sharing the"
                    + " store see the write within this time.");

    private ApiKeySettings() {}

    /** Returns every API key setting, for the node's registry. */
    public static List<Object> all() {
        return List.of(HASHING_ALGORITHM, CACHE_TTL, CACHE_MAX_KEYS, DOC_CACHE_TTL);
    }
}
