package org.certbound.server.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection settings of one remote cluster alias, from {@code cluster.remote.<alias>.*}.
 *
 * @param alias the alias
 * @param mode sniff or proxy
 * @param seeds the {@code host:port} seeds, sniff mode
 * @param nodeConnections the maximum number of remote nodes to connect to, sniff mode
 * @param proxyAddress the {@code host:port} of the proxy, proxy mode
 * @param serverName the TLS server name to send, proxy mode
 * @param proxySocketConnections the number of connections to the proxy
 * @param skipUnavailable whether a search skips this cluster when it fails instead of failing
 * @param pingSchedule how often an idle connection is checked with a handshake; zero or negative turns it off
 */
public record RemoteClusterConfig(
        String alias,
        ConnectionMode mode,
        List<String> seeds,
        int nodeConnections,
        Optional<String> proxyAddress,
        Optional<String> serverName,
        int proxySocketConnections,
        boolean skipUnavailable,
        Duration pingSchedule) {

    /** Checks that the mode has the addresses it needs. */
    public RemoteClusterConfig {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(mode, "mode");
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(proxyAddress, "proxyAddress");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(pingSchedule, "pingSchedule");
        if (mode == ConnectionMode.SNIFF && seeds.isEmpty()) {
            throw new IllegalArgumentException("[cluster.remote." + alias + ".seeds] must be set when [cluster.remote."
                    + alias + ".mode] is [sniff]");
        }
        if (mode == ConnectionMode.PROXY && proxyAddress.isEmpty()) {
            throw new IllegalArgumentException("[cluster.remote." + alias + ".proxy_address] must be set when"
                    + " [cluster.remote." + alias + ".mode] is [proxy]");
        }
        if (mode == ConnectionMode.SNIFF && proxyAddress.isPresent()) {
            throw new IllegalArgumentException("[cluster.remote." + alias + ".proxy_address] is only valid when"
                    + " [cluster.remote." + alias + ".mode] is [proxy]");
        }
        if (mode == ConnectionMode.PROXY && !seeds.isEmpty()) {
            throw new IllegalArgumentException("[cluster.remote." + alias
                    + ".seeds] is only valid when [cluster.remote." + alias + ".mode] is [sniff]");
        }
        if (nodeConnections < 1 || proxySocketConnections < 1) {
            throw new IllegalArgumentException("[cluster.remote." + alias + ".node_connections] and [cluster.remote."
                    + alias + ".proxy_socket_connections] must be >= 1");
        }
    }

    /** Returns the addresses to contact first: the seeds, or the proxy address. */
    public List<String> initialAddresses() {
        return mode == ConnectionMode.SNIFF ? seeds : List.of(proxyAddress.orElseThrow());
    }
}
