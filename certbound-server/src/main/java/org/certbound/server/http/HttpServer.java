package org.certbound.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.certbound.server.rest.RestController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST HTTP/1.1 server on Netty: keep-alive, optional TLS, a request body limit, and dispatch of every request
 * to the {@link RestController} on a worker pool.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(HttpServer.class);
    private static final int IDLE_TIMEOUT_SECONDS = 300;

    private final String host;
    private final int port;
    private final long maxContentLength;
    private final SslContext sslContext;
    private final RestController controller;
    private final ExecutorService workers;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    /**
     * Creates a server; {@link #start()} binds it.
     *
     * @param sslContext the TLS context, or null for plain HTTP
     */
    public HttpServer(
            String host,
            int port,
            long maxContentLength,
            SslContext sslContext,
            RestController controller,
            ExecutorService workers) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.maxContentLength = maxContentLength;
        this.sslContext = sslContext;
        this.controller = Objects.requireNonNull(controller, "controller");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * Binds the server and returns the bound address.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public synchronized InetSocketAddress start() {
        bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workerGroup = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        configurePipeline(channel);
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "failed to bind the HTTP server to [" + host + ":" + port + "]; check [http.host] and [http.port]",
                    e);
        }
        InetSocketAddress address = (InetSocketAddress) serverChannel.localAddress();
        logger.debug("HTTP server bound to [{}]", address);
        return address;
    }

    private void configurePipeline(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("idle", new ReadTimeoutHandler(IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        if (sslContext != null) {
            pipeline.addLast("tls", sslContext.newHandler(channel.alloc()));
        }
        pipeline.addLast("codec", new io.netty.handler.codec.http.HttpServerCodec(4096, 16384, 8192));
        pipeline.addLast("request-timeout", new RequestReadTimeoutHandler(RequestReadTimeoutHandler.DEFAULT_TIMEOUT));
        pipeline.addLast("aggregator", new ContentLimitAggregator(maxContentLength));
        pipeline.addLast("rest", new RestChannelHandler(controller, workers, sslContext != null));
    }

    /**
     * Builds the TLS context of the {@code xpack.security.http.ssl.*} settings, or returns null when TLS is off.
     *
     * @param resolve resolves a configured path against the config directory
     * @throws org.certbound.server.settings.SettingsException when the key material is missing or unreadable
     */
    public static SslContext sslContext(
            org.certbound.server.settings.Settings settings,
            org.certbound.server.settings.SecureSettings secure,
            java.util.function.Function<java.nio.file.Path, java.nio.file.Path> resolve) {
        return SslContexts.forHttp(settings, secure, resolve);
    }

    /** Returns whether the server uses TLS. */
    public boolean isTls() {
        return sslContext != null;
    }

    /** Stops accepting connections and closes every open one. */
    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        if (bossGroup != null) {
            bossGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            bossGroup = null;
        }
        if (workerGroup != null) {
            workerGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            workerGroup = null;
        }
    }
}
