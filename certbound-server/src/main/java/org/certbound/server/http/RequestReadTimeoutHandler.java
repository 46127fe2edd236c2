package org.certbound.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request does not arrive in full within a deadline once its headers are read, so a
 * client that sends the headers and part of the body cannot hold the connection open. Goes right after the HTTP
 * codec; the time a request spends in the handler is not counted.
 */
public final class RequestReadTimeoutHandler extends ChannelDuplexHandler {

    /**
     * The default deadline for the body of one request. 60 seconds carries a 100 MB body at about 13 Mbit/s, and it
     * ends a half-sent request long before an idle timeout would.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final Logger logger = LoggerFactory.getLogger(RequestReadTimeoutHandler.class);

    private final Duration timeout;
    private @Nullable ScheduledFuture<?> deadline;

    /**
     * Creates the handler.
     *
     * @param timeout how long the rest of a request may take once its headers are read
     */
    public RequestReadTimeoutHandler(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof HttpRequest && deadline == null) {
            deadline = ctx.executor().schedule(() -> expire(ctx), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (message instanceof LastHttpContent) {
            cancel();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        ctx.fireChannelInactive();
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        logger.debug("[{}] closing the connection: the request did not arrive within [{}]", ctx.channel(), timeout);
        ctx.close();
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
