package org.certbound.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestErrors;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each aggregated HTTP request into a {@link RestRequest}, dispatches it on the worker pool and writes the
 * response. Reading pauses while a request is in flight, so responses leave in request order.
 */
final class RestChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(RestChannelHandler.class);

    private final RestController controller;
    private final ExecutorService workers;
    private final boolean tls;

    RestChannelHandler(RestController controller, ExecutorService workers, boolean tls) {
        this.controller = controller;
        this.workers = workers;
        this.tls = tls;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        String accept = http.headers().get(HttpHeaderNames.ACCEPT);
        if (http.decoderResult().isFailure()) {
            ApiException error = ApiException.of(
                    400,
                    "bad_request",
                    "invalid HTTP request: " + http.decoderResult().cause().getMessage());
            write(ctx, RestErrors.toResponse(error, false), null, false, false);
            return;
        }
        RestRequest request;
        boolean pretty;
        try {
            request = toRestRequest(ctx, http);
            pretty = request.paramAsBoolean("pretty", false);
            if (request.hasContent()) {
                MediaTypes.checkContentType(http.headers().get(HttpHeaderNames.CONTENT_TYPE));
            }
            MediaTypes.responseType(accept);
        } catch (ApiException | IllegalArgumentException e) {
            write(ctx, RestErrors.toResponse(e, false), null, false, keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> write(ctx, controller.dispatch(request), accept, pretty, keepAlive));
        } catch (RejectedExecutionException e) {
            ApiException unavailable =
                    ApiException.of(503, "rejected_execution_exception", "the node is shutting down");
            write(ctx, RestErrors.toResponse(unavailable, false), accept, false, false);
        }
    }

    private RestRequest toRestRequest(ChannelHandlerContext ctx, FullHttpRequest http) {
        RestRequest.Method method;
        try {
            method = RestRequest.Method.valueOf(http.method().name());
        } catch (IllegalArgumentException e) {
            throw ApiException.of(
                            405,
                            "illegal_argument_exception",
                            "HTTP method [" + http.method().name()
                                    + "] is not supported, use one of [GET, PUT, POST, DELETE, HEAD]")
                    .withHeader("Allow", "GET,PUT,POST,DELETE,HEAD");
        }
        RestRequest.Builder builder = RestRequest.builder(method, http.uri())
                .content(ByteBufUtil.getBytes(http.content()))
                .remoteAddress((InetSocketAddress) ctx.channel().remoteAddress());
        for (Map.Entry<String, String> header : http.headers()) {
            builder.header(header.getKey(), header.getValue());
        }
        return builder.build();
    }

    private void write(
            ChannelHandlerContext ctx, RestResponse response, String accept, boolean pretty, boolean keepAlive) {
        FullHttpResponse http = toHttpResponse(response, accept, pretty);
        HttpUtil.setKeepAlive(http, keepAlive);
        ChannelFuture future = ctx.writeAndFlush(http);
        if (keepAlive) {
            future.addListener(done -> {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            });
        } else {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Converts a REST response into an HTTP response with the product header and the content type. */
    static FullHttpResponse toHttpResponse(RestResponse response, String accept, boolean pretty) {
        String jsonType;
        try {
            jsonType = MediaTypes.responseType(accept);
        } catch (ApiException e) {
            jsonType = MediaTypes.JSON;
        }
        ResponseRenderer.Rendered rendered;
        RestResponse effective = response;
        try {
            rendered = ResponseRenderer.render(response, jsonType, pretty);
        } catch (IOException e) {
            logger.error("failed to serialize a response body", e);
            effective =
                    RestErrors.toResponse(ApiException.of(500, "exception", "failed to serialize the response"), false);
            rendered = new ResponseRenderer.Rendered(
                    "{\"error\":\"failed to serialize the response\",\"status\":500}".getBytes(), jsonType);
        }
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(effective.status()),
                Unpooled.wrappedBuffer(rendered.body()));
        http.headers().set("X-Elastic-Product", "Elasticsearch");
        for (Map.Entry<String, List<String>> header : effective.headers().entrySet()) {
            http.headers().add(header.getKey(), header.getValue());
        }
        if (rendered.contentType() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, rendered.contentType());
        }
        HttpUtil.setContentLength(http, rendered.body().length);
        return http;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            logger.debug("[{}] closing idle HTTP connection", ctx.channel().remoteAddress());
        } else if (cause instanceof IOException
                || cause instanceof SSLException
                || cause instanceof PrematureChannelClosureException
                || isTlsHandshakeFailure(cause)) {
            // A client that goes away mid-request is expected, so one DEBUG line without a stack trace.
            logger.debug("[{}] HTTP connection failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            logger.warn(
                    "[{}] unexpected error on HTTP connection, closing it",
                    ctx.channel().remoteAddress(),
                    cause);
        }
        ctx.close();
    }

    private boolean isTlsHandshakeFailure(Throwable cause) {
        return tls && cause instanceof io.netty.handler.codec.DecoderException;
    }
}
