package org.certbound.server.remote.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Owns the event loops of every outbound remote cluster connection of this node. */
public final class RemoteClusterClient implements AutoCloseable {

    private final EventLoopGroup group;

    /**
     * Creates the client.
     *
     * @param threads the number of event loop threads, at least 1
     */
    public RemoteClusterClient(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("event loop threads must be >= 1, got [" + threads + "]");
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /**
     * Creates pooled connections to one remote cluster; no connection opens before the first request.
     *
     * @param alias the remote cluster alias
     * @param sslContext the client TLS context, which also decides whether host names are checked
     * @param addresses the remote cluster server addresses
     * @param serverName the TLS server name to send, or null for each address's host
     * @param connectionsPerAddress the maximum connections per address
     * @param connectTimeout the TCP connect timeout
     * @param requestTimeout how long a request waits for its response
     * @param routing the order in which requests use the addresses
     * @return the connection
     */
    public RemoteClusterConnection open(
            String alias,
            SslContext sslContext,
            List<InetSocketAddress> addresses,
            @Nullable String serverName,
            int connectionsPerAddress,
            Duration connectTimeout,
            Duration requestTimeout,
            RemoteClusterConnection.Routing routing) {
        return new RemoteClusterConnection(
                alias,
                group,
                sslContext,
                addresses,
                serverName,
                connectionsPerAddress,
                connectTimeout,
                requestTimeout,
                routing);
    }

    /** Stops the event loops; open connections close. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
