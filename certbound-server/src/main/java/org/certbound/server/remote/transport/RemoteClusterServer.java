package org.certbound.server.remote.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.certbound.server.http.RequestReadTimeoutHandler;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote cluster server: TLS, always, then HTTP/1.1 with persistent connections, serving only
 * {@code POST /_remote_cluster/<action>} for allowlisted actions.
 *
 * <p>Security: the server rejects, before any authentication, a request with another method or path,
 * an action off the allowlist, a header outside {@link
 * org.certbound.server.remote.wire.CrossClusterHeaders#isAllowed}, or an action header that differs
 * from the path. Everything else goes to the {@link CrossClusterRequestDispatcher}.
 */
public final class RemoteClusterServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RemoteClusterServer.class);

    private final String bindHost;
    private final int port;
    private final Supplier<SslContext> sslContext;
    private final Supplier<String> clusterName;
    private final int maxContentLength;
    private final CrossClusterRequestDispatcher dispatcher;
    private final Executor executor;

    private @Nullable EventLoopGroup bossGroup;
    private @Nullable EventLoopGroup workerGroup;
    private @Nullable Channel serverChannel;

    /**
     * Creates a server that is not started yet.
     *
     * @param bindHost the address to bind, for example {@code 127.0.0.1}
     * @param port the port, 0 for an ephemeral one
     * @param sslContext the current server TLS context; read for every new connection, so a reload
     *     takes effect without a restart
     * @param clusterName the name of this cluster, which signatures must be bound to
     * @param maxContentLength the maximum request body in bytes; a larger one gets 413
     * @param dispatcher runs the requests that pass the framing checks
     * @param executor the worker pool the dispatcher runs on
     */
    public RemoteClusterServer(
            String bindHost,
            int port,
            Supplier<SslContext> sslContext,
            Supplier<String> clusterName,
            int maxContentLength,
            CrossClusterRequestDispatcher dispatcher,
            Executor executor) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("[remote_cluster.port] must be between 0 and 65535, got [" + port + "]");
        }
        this.bindHost = Objects.requireNonNull(bindHost, "bindHost");
        this.port = port;
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
        this.maxContentLength = maxContentLength;
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Binds the port and starts accepting connections.
     *
     * @return the bound address, with the real port when {@code port} was 0
     * @throws IllegalStateException when the server is already started
     * @throws InterruptedException when interrupted while binding
     */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("the remote cluster server is already started");
        }
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("tls", sslContext.get().newHandler(channel.alloc()))
                                .addLast("http", new HttpServerCodec(decoderConfig()))
                                .addLast(
                                        "request-timeout",
                                        new RequestReadTimeoutHandler(RequestReadTimeoutHandler.DEFAULT_TIMEOUT))
                                .addLast("keep-alive", new HttpServerKeepAliveHandler())
                                .addLast("aggregator", new HttpObjectAggregator(maxContentLength))
                                .addLast(
                                        "cross-cluster",
                                        new RemoteClusterHttpHandler(clusterName, dispatcher, executor));
                    }
                });
        try {
            serverChannel = bootstrap.bind(bindHost, port).sync().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw new IllegalStateException(
                    "failed to bind the remote cluster server to [" + bindHost + ":" + port
                            + "]; set [remote_cluster.port] to a free port or 0",
                    e);
        }
        InetSocketAddress address = boundAddress();
        logger.info("remote cluster server listening on [{}]", address);
        return address;
    }

    /**
     * Returns the decoder settings. The header limit covers signatures and subject infos up to their documented
     * maxima, and a larger header block gets a 413.
     */
    static HttpDecoderConfig decoderConfig() {
        return new HttpDecoderConfig().setMaxHeaderSize(CrossClusterHeaders.MAX_HEADER_BLOCK_BYTES);
    }

    /**
     * Returns the bound address.
     *
     * @throws IllegalStateException when the server is not started
     */
    public synchronized InetSocketAddress boundAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("the remote cluster server is not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops accepting connections, closes the open ones and releases the event loops. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
            logger.info("remote cluster server stopped");
        }
        shutdownGroups();
    }

    private void shutdownGroups() {
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup = null;
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
        }
    }
}
