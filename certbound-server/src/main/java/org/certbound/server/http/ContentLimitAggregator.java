package org.certbound.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestErrors;
import org.certbound.server.settings.ByteSizes;

/** Aggregates a request and replies to an oversized one with an Elasticsearch-shaped 413, then closes. */
final class ContentLimitAggregator extends HttpObjectAggregator {

    private final long maxContentLength;

    ContentLimitAggregator(long maxContentLength) {
        super((int) Math.min(Integer.MAX_VALUE, maxContentLength), true);
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        ApiException error = ApiException.of(
                413,
                "content_too_long_exception",
                "request body is larger than the maximum of [" + ByteSizes.format(maxContentLength)
                        + "] set by [http.max_content_length]");
        FullHttpResponse response = RestChannelHandler.toHttpResponse(
                RestErrors.toResponse(error, false), request.headers().get("Accept"), false);
        HttpUtil.setKeepAlive(response, false);
        response.setStatus(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        // The rest of the body is still on the wire, so the connection cannot be reused.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
