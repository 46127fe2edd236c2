package org.certbound.server.remote;

/** How a remote cluster is reached ({@code cluster.remote.<alias>.mode}). */
public enum ConnectionMode {
    /** Contact the seeds, learn the remote nodes from the handshake and connect to up to {@code node_connections} of them. */
    SNIFF,
    /** Open {@code proxy_socket_connections} connections to one {@code proxy_address}. */
    PROXY;

    /** Returns the lowercase name used in settings and {@code _remote/info}. */
    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
