package org.certbound.server.remote;

import static org.certbound.server.settings.Property.DYNAMIC;
import static org.certbound.server.settings.Property.RELOADABLE;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.certbound.server.settings.AffixSetting;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;
import org.certbound.server.settings.Setting;
import org.certbound.server.settings.Settings;

/**
 * Settings of the connections to remote clusters, per alias: {@code cluster.remote.<alias>.*}.
 *
 * <p>An alias exists when it has {@code seeds} (sniff mode) or {@code proxy_address} (proxy mode). Every
 * connection setting is dynamic; the credentials live in the keystore and are reloaded by {@code POST
 * /_nodes/reload_secure_settings}.
 */
public final class RemoteClusterSettings {

    /** The prefix of every per-alias setting. */
    public static final String PREFIX = "cluster.remote.";

    /** The connection mode of the alias. */
    public static final AffixSetting<ConnectionMode> MODE = AffixSetting.affix(
            PREFIX,
            "mode",
            key -> Setting.enumSetting(
                    key,
                    ConnectionMode.class,
                    ConnectionMode.SNIFF,
                    "How the remote cluster is reached: [sniff] or [proxy]",
                    DYNAMIC));

    /** Seed addresses, sniff mode. */
    public static final AffixSetting<List<String>> SEEDS = AffixSetting.affix(
            PREFIX,
            "seeds",
            key -> Setting.listSetting(
                    key,
                    List.of(),
                    value -> Addresses.parse(key, value),
                    "Remote cluster server addresses [host:port] contacted first in sniff mode",
                    DYNAMIC));

    /** Maximum remote nodes to connect to, sniff mode. */
    public static final AffixSetting<Integer> NODE_CONNECTIONS = AffixSetting.affix(
            PREFIX,
            "node_connections",
            key -> Setting.intSetting(
                    key,
                    3,
                    1,
                    64,
                    "Maximum number of remote nodes, from the node list of the handshake, that sniff mode sends"
                            + " requests to",
                    DYNAMIC));

    /** The proxy address, proxy mode. */
    public static final AffixSetting<String> PROXY_ADDRESS = AffixSetting.affix(
            PREFIX,
            "proxy_address",
            key -> Setting.stringSetting(
                    key,
                    "",
                    value -> {
                        if (!value.isEmpty()) {
                            Addresses.parse(key, value);
                        }
                    },
                    "The [host:port] all connections go to in proxy mode",
                    DYNAMIC));

    /** The TLS server name, proxy mode. */
    public static final AffixSetting<String> SERVER_NAME = AffixSetting.affix(
            PREFIX,
            "server_name",
            key -> Setting.stringSetting(
                    key,
                    "",
                    "TLS server name (SNI) sent in proxy mode; the server certificate must match it when verification_mode is full",
                    DYNAMIC));

    /** Connections to the proxy, proxy mode. */
    public static final AffixSetting<Integer> PROXY_SOCKET_CONNECTIONS = AffixSetting.affix(
            PREFIX,
            "proxy_socket_connections",
            key -> Setting.intSetting(key, 18, 1, 1024, "Number of connections to the proxy address", DYNAMIC));

    /** Whether a failing alias is skipped by searches. */
    public static final AffixSetting<Boolean> SKIP_UNAVAILABLE = AffixSetting.affix(
            PREFIX,
            "skip_unavailable",
            key -> Setting.boolSetting(
                    key,
                    true,
                    "Whether a search skips this cluster when it fails, reporting the reason, instead of failing",
                    DYNAMIC));

    /** Ping interval of the alias. */
    public static final AffixSetting<Duration> PING_SCHEDULE = AffixSetting.affix(
            PREFIX,
            "transport.ping_schedule",
            key -> Setting.timeSetting(
                    key,
                    Duration.ZERO,
                    Duration.ZERO,
                    "How often the connection is checked with a handshake; 0 turns the check off",
                    DYNAMIC));

    /** The alias's cross-cluster API key. */
    public static final AffixSetting<Optional<SecureString>> CREDENTIALS = AffixSetting.affix(
            PREFIX,
            "credentials",
            key -> Setting.secureStringSetting(
                    key, "The [encoded] value of the cross-cluster API key created on the remote cluster", RELOADABLE));

    /** Node-wide default of the per-alias ping schedule. */
    public static final Setting<Duration> DEFAULT_PING_SCHEDULE = Setting.timeSetting(
            "transport.ping_schedule",
            Duration.ZERO,
            Duration.ZERO,
            "Default of cluster.remote.<alias>.transport.ping_schedule; 0 turns the check off");

    /** How long connecting to a remote cluster may take. */
    public static final Setting<Duration> INITIAL_CONNECT_TIMEOUT = Setting.timeSetting(
            "cluster.remote.initial_connect_timeout",
            Duration.ofSeconds(30),
            Duration.ofMillis(1),
            "How long opening a connection to a remote cluster may take");

    /** How long a cross-cluster request may wait for its response. */
    public static final Setting<Duration> REQUEST_TIMEOUT = Setting.timeSetting(
            "cluster.remote.request_timeout",
            Duration.ofSeconds(60),
            Duration.ofMillis(1),
            "How long a cross-cluster request waits for the remote cluster's response");

    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(RemoteClusterSettings.class);

    private RemoteClusterSettings() {}

    /** Returns every declaration of this class. */
    public static List<Object> all() {
        return List.of(
                MODE,
                SEEDS,
                NODE_CONNECTIONS,
                PROXY_ADDRESS,
                SERVER_NAME,
                PROXY_SOCKET_CONNECTIONS,
                SKIP_UNAVAILABLE,
                PING_SCHEDULE,
                CREDENTIALS,
                DEFAULT_PING_SCHEDULE,
                INITIAL_CONNECT_TIMEOUT,
                REQUEST_TIMEOUT);
    }

    /** Returns whether a key is one of the dynamic per-alias connection settings. */
    static boolean isConnectionKey(String key) {
        return List.of(
                        MODE,
                        SEEDS,
                        NODE_CONNECTIONS,
                        PROXY_ADDRESS,
                        SERVER_NAME,
                        PROXY_SOCKET_CONNECTIONS,
                        SKIP_UNAVAILABLE,
                        PING_SCHEDULE)
                .stream()
                .anyMatch(setting -> setting.matches(key));
    }

    /**
     * Builds the configuration of every alias.
     *
     * @param settings the effective settings
     * @param defaultPing the node's {@code transport.ping_schedule}
     * @return the configurations by alias, sorted by alias
     * @throws IllegalArgumentException when an alias's settings do not fit its mode, naming the setting
     */
    public static Map<String, RemoteClusterConfig> configs(Settings settings, Duration defaultPing) {
        TreeSet<String> aliases = new TreeSet<>(SEEDS.namespaces(settings));
        aliases.addAll(PROXY_ADDRESS.namespaces(settings));
        aliases.addAll(MODE.namespaces(settings));
        Map<String, RemoteClusterConfig> configs = new LinkedHashMap<>();
        for (String alias : aliases) {
            configs.put(alias, config(alias, settings, defaultPing));
        }
        return configs;
    }

    private static RemoteClusterConfig config(String alias, Settings settings, Duration defaultPing) {
        String proxy = PROXY_ADDRESS.concrete(alias).get(settings);
        String serverName = SERVER_NAME.concrete(alias).get(settings);
        Setting<Duration> ping = PING_SCHEDULE.concrete(alias);
        return new RemoteClusterConfig(
                alias,
                MODE.concrete(alias).get(settings),
                SEEDS.concrete(alias).get(settings),
                NODE_CONNECTIONS.concrete(alias).get(settings),
                proxy.isEmpty() ? Optional.empty() : Optional.of(proxy),
                serverName.isEmpty() ? Optional.empty() : Optional.of(serverName),
                PROXY_SOCKET_CONNECTIONS.concrete(alias).get(settings),
                SKIP_UNAVAILABLE.concrete(alias).get(settings),
                ping.exists(settings) ? ping.get(settings) : defaultPing);
    }

    /**
     * Reads the credentials of every alias that has them in the keystore.
     *
     * @param secure the keystore
     * @return the credentials by alias
     * @throws IllegalArgumentException when a value is not in the encoded form, naming the setting
     */
    public static Map<String, RemoteCredentials> credentials(SecureSettings secure) {
        Map<String, RemoteCredentials> credentials = new LinkedHashMap<>();
        for (String key : new TreeSet<>(secure.keys())) {
            Optional<String> alias = CREDENTIALS.namespaceOf(key);
            if (alias.isEmpty()) {
                continue;
            }
            Optional<SecureString> value = secure.getString(key);
            if (value.isPresent()) {
                // SecureString.toString() is redacted, so the characters are read through unsafeChars().
                char[] chars;
                try (SecureString secret = value.get()) {
                    chars = secret.unsafeChars();
                }
                try {
                    CharSequence text = java.nio.CharBuffer.wrap(chars);
                    credentials.put(alias.get(), RemoteCredentials.parse(alias.get(), text));
                    if (RemoteCredentials.wasTrimmed(text)) {
                        logger.warn(
                                "[{}] has whitespace around its value, which was removed; store the value"
                                        + " without a trailing newline, for example with [echo -n]",
                                key);
                    }
                } finally {
                    java.util.Arrays.fill(chars, '\0');
                }
            }
        }
        return credentials;
    }
}
