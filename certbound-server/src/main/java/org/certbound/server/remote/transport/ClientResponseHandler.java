package org.certbound.server.remote.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.channels.ClosedChannelException;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.jspecify.annotations.Nullable;

/**
 * Completes the one request in flight on a client connection with the response, or with the failure
 * that ended the connection.
 */
final class ClientResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** Receives exactly one outcome per request: a response or a failure. */
    interface Listener {
        void onResponse(CrossClusterResponse response, boolean keepAlive);

        void onFailure(Throwable cause);
    }

    private @Nullable Listener pending;

    /** Registers the listener of the next response; called on the channel's event loop. */
    void expect(Listener listener) {
        if (pending != null) {
            throw new IllegalStateException("a request is already in flight on this connection");
        }
        pending = listener;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        Listener listener = take();
        if (listener == null) {
            ctx.close();
            return;
        }
        if (!response.headers().contains(CrossClusterHeaders.WIRE_VERSION)) {
            ctx.close();
            listener.onFailure(new NotRemoteClusterPortException());
            return;
        }
        CrossClusterResponse result =
                new CrossClusterResponse(response.status().code(), ByteBufUtil.getBytes(response.content()));
        listener.onResponse(result, HttpUtil.isKeepAlive(response));
    }

    /** Fails the request in flight, if any, and closes the connection. */
    void fail(ChannelHandlerContext ctx, Throwable cause) {
        Listener listener = take();
        ctx.close();
        if (listener != null) {
            listener.onFailure(cause);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Listener listener = take();
        if (listener != null) {
            listener.onFailure(new ClosedChannelException());
        }
        super.channelInactive(ctx);
    }

    private @Nullable Listener take() {
        Listener listener = pending;
        pending = null;
        return listener;
    }

    /** The peer responded over HTTP without the wire version header, so it is not a remote cluster port. */
    static final class NotRemoteClusterPortException extends Exception {
        private static final long serialVersionUID = 1L;

        NotRemoteClusterPortException() {
            super("the response has no [" + CrossClusterHeaders.WIRE_VERSION + "] header", null, false, false);
        }
    }
}
