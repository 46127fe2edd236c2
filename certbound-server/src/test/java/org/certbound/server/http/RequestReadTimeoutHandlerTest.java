package org.certbound.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestReadTimeoutHandlerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestReadTimeoutHandler(Duration.ofSeconds(5)));

    private void sendHeaders() {
        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/logs-1/_search"));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] {'{', '"', 'q'})));
    }

    private void advance(long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void halfSentBody_closedAfterTimeout() {
        sendHeaders();

        advance(4);
        assertThat(channel.isOpen()).isTrue();
        advance(2);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void completeRequest_staysOpenPastTimeout() {
        sendHeaders();
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);

        advance(60);

        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void nextRequest_getsItsOwnDeadline() {
        sendHeaders();
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        advance(4);

        sendHeaders();
        advance(4);
        assertThat(channel.isOpen()).isTrue();
        advance(2);
        assertThat(channel.isOpen()).isFalse();
    }
}
