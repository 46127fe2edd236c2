package org.certbound.server.remote.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the framing of one cross-cluster request and hands it to the dispatcher on the worker pool.
 *
 * <p>The handler reads one request at a time per connection (auto-read is off while a request is in
 * flight), so responses leave in request order even if a client pipelines.
 */
final class RemoteClusterHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(RemoteClusterHttpHandler.class);

    private final Supplier<String> clusterName;
    private final CrossClusterRequestDispatcher dispatcher;
    private final Executor executor;

    RemoteClusterHttpHandler(
            Supplier<String> clusterName, CrossClusterRequestDispatcher dispatcher, Executor executor) {
        this.clusterName = clusterName;
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        if (!http.decoderResult().isSuccess()) {
            Throwable cause = http.decoderResult().cause();
            CrossClusterResponse response = cause instanceof TooLongFrameException
                    ? CrossClusterErrors.error(
                            413, "content_too_long_exception", "request_too_large", cause.getMessage())
                    : CrossClusterErrors.error(
                            400, "illegal_argument_exception", "malformed_request", "malformed HTTP request");
            write(ctx, response, false);
            return;
        }

        Optional<CrossClusterResponse> framingError = checkFraming(http);
        if (framingError.isPresent()) {
            write(ctx, framingError.get(), keepAlive);
            return;
        }

        CrossClusterRequest request = toRequest(ctx, http);
        if (request.action().equals(CrossClusterActions.HANDSHAKE) && request.credentials() == null) {
            write(ctx, clusterNameProbe(), keepAlive);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            executor.execute(() -> dispatchAndWrite(ctx, request, keepAlive));
        } catch (RejectedExecutionException e) {
            logger.warn(
                    "[{}] rejected cross-cluster request [{}]: the worker pool is saturated",
                    request.requestId(),
                    request.action());
            write(
                    ctx,
                    CrossClusterErrors.error(
                            429,
                            "rejected_execution_exception",
                            "overloaded",
                            "the remote cluster is overloaded; retry later"),
                    keepAlive);
        }
    }

    /**
     * Returns the first framing error of a request, or empty. The checks run in this order: repeated cross-cluster
     * headers, method and path, wire version, action allowlist, header allowlist, request id, action header.
     */
    private Optional<CrossClusterResponse> checkFraming(FullHttpRequest http) {
        String path = new QueryStringDecoder(http.uri()).path();
        return checkRepeatedHeaders(http)
                .or(() -> checkMethodAndPath(http, path))
                .or(() -> checkWireVersion(http))
                .or(() -> checkAction(actionOf(path)))
                .or(() -> checkHeaderNames(http))
                .or(() -> checkRequestId(http))
                .or(() -> checkActionHeader(http, actionOf(path)));
    }

    private static String actionOf(String path) {
        return path.substring(CrossClusterHeaders.PATH_PREFIX.length());
    }

    /**
     * Rejects a cross-cluster header sent more than once. Netty returns the first copy, while a proxy or audit hop
     * in front of this port may read the last one, so two copies would let them act on different credentials or
     * subjects.
     */
    private static Optional<CrossClusterResponse> checkRepeatedHeaders(FullHttpRequest http) {
        for (String name :
                CrossClusterHeaders.CROSS_CLUSTER_HEADERS.stream().sorted().toList()) {
            int copies = http.headers().getAll(name).size();
            if (copies > 1) {
                return Optional.of(CrossClusterErrors.error(
                        400,
                        "illegal_argument_exception",
                        "malformed_request",
                        "header [" + name + "] must appear at most once; got " + copies + " copies"));
            }
        }
        return Optional.empty();
    }

    private static Optional<CrossClusterResponse> checkMethodAndPath(FullHttpRequest http, String path) {
        if (http.method().equals(HttpMethod.POST) && path.startsWith(CrossClusterHeaders.PATH_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(CrossClusterErrors.error(
                400,
                "illegal_argument_exception",
                "not_a_cross_cluster_request",
                "the remote cluster port serves only [POST " + CrossClusterHeaders.PATH_PREFIX
                        + "<action>], got [" + http.method() + " " + path
                        + "]; send REST requests to the HTTP port"));
    }

    private static Optional<CrossClusterResponse> checkWireVersion(FullHttpRequest http) {
        String version = http.headers().get(CrossClusterHeaders.WIRE_VERSION);
        if (CrossClusterHeaders.CURRENT_WIRE_VERSION.equals(version)) {
            return Optional.empty();
        }
        String got = version == null ? "the header is missing" : "got " + describeVersion(version);
        return Optional.of(CrossClusterErrors.error(
                400,
                "illegal_argument_exception",
                "unsupported_version",
                "header [" + CrossClusterHeaders.WIRE_VERSION + "] must be the supported wire version ["
                        + CrossClusterHeaders.CURRENT_WIRE_VERSION + "]; " + got
                        + "; check that both clusters run compatible versions"));
    }

    /** Quotes a version value only when it is a short number, so the response never echoes arbitrary input. */
    private static String describeVersion(String version) {
        return version.matches("[0-9]{1,9}")
                ? "[" + version + "]"
                : "a value of " + version.length() + " characters that is not a version number";
    }

    private static Optional<CrossClusterResponse> checkAction(String action) {
        if (CrossClusterActions.isAllowed(action)) {
            return Optional.empty();
        }
        return Optional.of(CrossClusterErrors.error(
                400,
                "illegal_argument_exception",
                "action_not_allowed",
                "action [" + action + "] is not allowed on the remote cluster port; allowed actions are "
                        + CrossClusterActions.ALLOWED.stream().sorted().toList()));
    }

    private static Optional<CrossClusterResponse> checkHeaderNames(FullHttpRequest http) {
        for (Map.Entry<String, String> header : http.headers()) {
            if (!CrossClusterHeaders.isAllowed(header.getKey())) {
                return Optional.of(CrossClusterErrors.error(
                        400,
                        "illegal_argument_exception",
                        "header_not_allowed",
                        "header [" + header.getKey() + "] is not allowed on the remote cluster port"));
            }
        }
        return Optional.empty();
    }

    private static Optional<CrossClusterResponse> checkRequestId(FullHttpRequest http) {
        String requestId = http.headers().get(CrossClusterHeaders.REQUEST_ID);
        if (requestId == null || requestId.isEmpty() || CrossClusterHeaders.isValidRequestId(requestId)) {
            return Optional.empty();
        }
        return Optional.of(CrossClusterErrors.error(
                400,
                "illegal_argument_exception",
                "malformed_request",
                "header [" + CrossClusterHeaders.REQUEST_ID + "] must be 1 to "
                        + CrossClusterHeaders.MAX_REQUEST_ID_LENGTH
                        + " visible ASCII characters; got " + requestId.length() + " characters"));
    }

    private static Optional<CrossClusterResponse> checkActionHeader(FullHttpRequest http, String action) {
        String actionHeader = http.headers().get(CrossClusterHeaders.ACTION);
        if (actionHeader == null || actionHeader.equals(action)) {
            return Optional.empty();
        }
        return Optional.of(CrossClusterErrors.error(
                400,
                "illegal_argument_exception",
                "request_mismatch",
                "header [" + CrossClusterHeaders.ACTION + "] value [" + actionHeader + "] does not match the action ["
                        + action + "] in the path"));
    }

    /**
     * Responds to a handshake without credentials with the cluster name only, so the querying side can bind
     * its signatures to that name before it authenticates. The name is all an unauthenticated peer learns.
     */
    private CrossClusterResponse clusterNameProbe() {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.put("cluster_name", clusterName.get());
        body.put("wire_version", CrossClusterHeaders.CURRENT_WIRE_VERSION);
        return CrossClusterResponse.json(200, body.toString());
    }

    private CrossClusterRequest toRequest(ChannelHandlerContext ctx, FullHttpRequest http) {
        String path = new QueryStringDecoder(http.uri()).path();
        String requestId = http.headers().get(CrossClusterHeaders.REQUEST_ID);
        return new CrossClusterRequest(
                requestId == null || requestId.isEmpty() ? UUID.randomUUID().toString() : requestId,
                actionOf(path),
                clusterName.get(),
                http.headers().get(CrossClusterHeaders.CREDENTIALS),
                http.headers().get(CrossClusterHeaders.SUBJECT_INFO),
                http.headers().get(CrossClusterHeaders.SIGNATURE),
                ByteBufUtil.getBytes(http.content()),
                (InetSocketAddress) ctx.channel().remoteAddress());
    }

    private void dispatchAndWrite(ChannelHandlerContext ctx, CrossClusterRequest request, boolean keepAlive) {
        CrossClusterResponse response;
        try {
            response = dispatcher.dispatch(request);
        } catch (Exception | LinkageError e) {
            logger.error(
                    "[{}] cross-cluster request [{}] from [{}] failed unexpectedly",
                    request.requestId(),
                    request.action(),
                    request.remoteAddress(),
                    e);
            response = CrossClusterErrors.error(
                    500,
                    "exception",
                    "internal_error",
                    "the remote cluster failed to process request [" + request.requestId() + "]");
        }
        write(ctx, response, keepAlive);
        ctx.channel().config().setAutoRead(true);
    }

    private static void write(ChannelHandlerContext ctx, CrossClusterResponse response, boolean keepAlive) {
        FullHttpResponse http = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, http.content().readableBytes())
                .set(CrossClusterHeaders.WIRE_VERSION, CrossClusterHeaders.CURRENT_WIRE_VERSION);
        HttpUtil.setKeepAlive(http, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            logger.debug(
                    "[{}] TLS handshake on the remote cluster port failed",
                    ctx.channel().remoteAddress(),
                    handshake.cause());
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Mostly a peer that went away mid-request, which is expected: one DEBUG line without a stack trace.
        logger.debug("[{}] closing remote cluster connection after an error: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
