package org.certbound.server.remote.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pooled, persistent TLS connections from this cluster to the remote cluster server of one alias.
 *
 * <p>Each address gets a pool of at most {@code connectionsPerAddress} connections, each carrying one
 * request at a time (HTTP/1.1 without pipelining). With {@link Routing#ROUND_ROBIN} requests go to the
 * addresses in turn; with {@link Routing#FAILOVER} they all go to one address, the last that worked. In
 * both, when a connection cannot be opened, the next address is tried. A request that fails because a reused
 * connection was closed before any response arrived is sent once more on a new connection: every
 * allowlisted action is a read, so a retry cannot apply anything twice.
 */
public final class RemoteClusterConnection implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RemoteClusterConnection.class);
    private static final int MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

    private final String alias;
    private final List<InetSocketAddress> addresses;
    private final List<FixedChannelPool> pools;
    private final Duration requestTimeout;
    private final Routing routing;
    private final AtomicInteger next = new AtomicInteger();

    /** The order in which requests use the addresses. */
    public enum Routing {
        /** Each request starts at the next address, so all addresses share the load. */
        ROUND_ROBIN,
        /**
         * Every request starts at the address that last opened a connection, the first one at the start, so one
         * address carries all requests while it works. Sniff mode uses it for the seeds.
         */
        FAILOVER
    }

    /**
     * Creates the pools; no connection is opened until the first request.
     *
     * @param alias the remote cluster alias, for log lines and errors
     * @param group the client event loop group, shared by all aliases
     * @param sslContext the client TLS context, which also decides whether host names are checked
     * @param addresses the remote cluster server addresses, in preference order
     * @param serverName the TLS server name (SNI) to send, or null to use each address's host
     * @param connectionsPerAddress the maximum connections per address, at least 1
     * @param connectTimeout the TCP connect timeout
     * @param requestTimeout how long a request may wait for its response
     * @param routing the order in which requests use the addresses
     */
    public RemoteClusterConnection(
            String alias,
            EventLoopGroup group,
            SslContext sslContext,
            List<InetSocketAddress> addresses,
            @Nullable String serverName,
            int connectionsPerAddress,
            Duration connectTimeout,
            Duration requestTimeout,
            Routing routing) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("remote cluster [" + alias + "] has no address to connect to");
        }
        if (connectionsPerAddress < 1) {
            throw new IllegalArgumentException(
                    "connections per address must be >= 1, got [" + connectionsPerAddress + "]");
        }
        this.alias = alias;
        this.addresses = List.copyOf(addresses);
        this.requestTimeout = requestTimeout;
        this.routing = java.util.Objects.requireNonNull(routing, "routing");
        List<FixedChannelPool> created = new ArrayList<>();
        for (InetSocketAddress address : this.addresses) {
            Bootstrap bootstrap = new Bootstrap()
                    .group(group)
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.SO_KEEPALIVE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                    .remoteAddress(address);
            PoolHandler handler = new PoolHandler(sslContext, address, serverName);
            created.add(new FixedChannelPool(
                    bootstrap,
                    handler,
                    ChannelHealthChecker.ACTIVE,
                    FixedChannelPool.AcquireTimeoutAction.FAIL,
                    requestTimeout.toMillis(),
                    connectionsPerAddress,
                    Integer.MAX_VALUE,
                    true,
                    true));
        }
        this.pools = List.copyOf(created);
    }

    /** Returns the addresses this connection sends to. */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    /** Returns how many addresses carry requests at a time: one with {@link Routing#FAILOVER}, else all. */
    public int addressesInUse() {
        return routing == Routing.FAILOVER ? 1 : addresses.size();
    }

    /**
     * Sends a request and returns its response.
     *
     * @param request the request
     * @return a future completed with the response (any status) or failed with a {@link
     *     RemoteTransportException} naming the address and the fix
     */
    public CompletableFuture<CrossClusterResponse> send(OutboundCrossClusterRequest request) {
        CompletableFuture<CrossClusterResponse> result = new CompletableFuture<>();
        int start = routing == Routing.ROUND_ROBIN
                ? Math.floorMod(next.getAndIncrement(), pools.size())
                : Math.floorMod(next.get(), pools.size());
        attempt(request, result, start, 0, false);
        return result;
    }

    private void attempt(
            OutboundCrossClusterRequest request,
            CompletableFuture<CrossClusterResponse> result,
            int start,
            int tried,
            boolean retried) {
        int index = (start + tried) % pools.size();
        FixedChannelPool pool = pools.get(index);
        InetSocketAddress address = addresses.get(index);
        pool.acquire().addListener(acquired -> {
            if (!acquired.isSuccess()) {
                RemoteTransportException failure = TransportFailures.describe(alias, address, acquired.cause());
                if (tried + 1 < pools.size()) {
                    logger.debug("[{}] {}; trying the next address", alias, failure.getMessage());
                    attempt(request, result, start, tried + 1, retried);
                } else {
                    result.completeExceptionally(failure);
                }
                return;
            }
            Channel channel = (Channel) acquired.getNow();
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                pool.release(channel);
                result.completeExceptionally(
                        TransportFailures.describe(alias, address, new java.nio.channels.ClosedChannelException()));
                return;
            }
            // A new connection is handed out before its TLS handshake ends. Waiting for the handshake here
            // reports a rejected server certificate as such, instead of as the close that follows it.
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    if (routing == Routing.FAILOVER) {
                        next.set(index);
                    }
                    sendAcquired(channel, pool, address, request, result, start, tried, retried);
                    return;
                }
                channel.close();
                pool.release(channel);
                RemoteTransportException failure = TransportFailures.describe(alias, address, handshake.cause());
                if (tried + 1 < pools.size()) {
                    logger.debug("[{}] {}; trying the next address", alias, failure.getMessage());
                    attempt(request, result, start, tried + 1, retried);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        });
    }

    private void sendAcquired(
            Channel channel,
            FixedChannelPool pool,
            InetSocketAddress address,
            OutboundCrossClusterRequest request,
            CompletableFuture<CrossClusterResponse> result,
            int start,
            int tried,
            boolean retried) {
        boolean reused = channel.hasAttr(PoolHandler.USED)
                && Boolean.TRUE.equals(channel.attr(PoolHandler.USED).get());
        channel.attr(PoolHandler.USED).set(Boolean.TRUE);
        sendOn(channel, pool, address, request, new ClientResponseHandler.Listener() {
            @Override
            public void onResponse(CrossClusterResponse response, boolean keepAlive) {
                if (!keepAlive) {
                    channel.close();
                }
                pool.release(channel);
                result.complete(response);
            }

            @Override
            public void onFailure(Throwable cause) {
                pool.release(channel);
                if (reused && !retried && TransportFailures.isClosedBeforeResponse(cause)) {
                    logger.debug(
                            "[{}] connection to [{}] was closed before the response; sending again", alias, address);
                    attempt(request, result, start, tried, true);
                    return;
                }
                result.completeExceptionally(TransportFailures.describe(alias, address, cause));
            }
        });
    }

    private void sendOn(
            Channel channel,
            FixedChannelPool pool,
            InetSocketAddress address,
            OutboundCrossClusterRequest request,
            ClientResponseHandler.Listener listener) {
        FullHttpRequest http = toHttp(address, request);
        channel.eventLoop().execute(() -> {
            ClientResponseHandler handler = channel.pipeline().get(ClientResponseHandler.class);
            if (handler == null) {
                http.release();
                listener.onFailure(new java.nio.channels.ClosedChannelException());
                return;
            }
            handler.expect(listener);
            var timeout = channel.eventLoop()
                    .schedule(
                            () -> handler.fail(
                                    channel.pipeline().context(handler),
                                    new java.util.concurrent.TimeoutException(
                                            "no response within [" + requestTimeout + "]")),
                            requestTimeout.toMillis(),
                            TimeUnit.MILLISECONDS);
            channel.writeAndFlush(http).addListener(written -> {
                if (!written.isSuccess()) {
                    handler.fail(channel.pipeline().context(handler), written.cause());
                }
            });
            channel.attr(PoolHandler.TIMEOUT).set(timeout);
        });
    }

    private static FullHttpRequest toHttp(InetSocketAddress address, OutboundCrossClusterRequest request) {
        FullHttpRequest http = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                CrossClusterHeaders.pathOf(request.action()),
                Unpooled.wrappedBuffer(request.body()));
        http.headers()
                .set(HttpHeaderNames.HOST, address.getHostString() + ":" + address.getPort())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, http.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .set(CrossClusterHeaders.ACTION, request.action())
                .set(CrossClusterHeaders.WIRE_VERSION, CrossClusterHeaders.CURRENT_WIRE_VERSION);
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            http.headers().set(header.getKey(), header.getValue());
        }
        return http;
    }

    /** Closes every pooled connection; requests in flight fail. */
    @Override
    public void close() {
        for (FixedChannelPool pool : pools) {
            pool.close();
        }
    }

    /** Sets up the TLS, HTTP and response handlers of each new pooled connection. */
    private static final class PoolHandler extends AbstractChannelPoolHandler {

        static final io.netty.util.AttributeKey<Boolean> USED = io.netty.util.AttributeKey.valueOf("certbound.used");
        static final io.netty.util.AttributeKey<java.util.concurrent.ScheduledFuture<?>> TIMEOUT =
                io.netty.util.AttributeKey.valueOf("certbound.timeout");

        private final SslContext sslContext;
        private final InetSocketAddress address;
        private final @Nullable String serverName;

        PoolHandler(SslContext sslContext, InetSocketAddress address, @Nullable String serverName) {
            this.sslContext = sslContext;
            this.address = address;
            this.serverName = serverName;
        }

        @Override
        public void channelCreated(Channel channel) {
            String peerHost = serverName != null ? serverName : address.getHostString();
            SslHandler tls = sslContext.newHandler(channel.alloc(), peerHost, address.getPort());
            channel.pipeline()
                    .addLast("tls", tls)
                    .addLast("http", new HttpClientCodec(RemoteClusterServer.decoderConfig(), false, false))
                    .addLast("aggregator", new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                    .addLast("response", new ClientResponseHandler());
        }

        @Override
        public void channelReleased(Channel channel) {
            var timeout = channel.attr(TIMEOUT).getAndSet(null);
            if (timeout != null) {
                timeout.cancel(false);
            }
        }
    }
}
