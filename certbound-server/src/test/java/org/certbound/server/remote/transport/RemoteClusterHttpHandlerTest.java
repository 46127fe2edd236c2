package org.certbound.server.remote.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterHeaders;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteClusterHttpHandlerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<CrossClusterRequest> dispatched = new CopyOnWriteArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new RemoteClusterHttpHandler(
            () -> "fulfilling",
            request -> {
                dispatched.add(request);
                return CrossClusterResponse.json(200, "{}");
            },
            Runnable::run));

    private FullHttpResponse send(String requestId) {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                CrossClusterHeaders.pathOf(CrossClusterActions.SEARCH),
                Unpooled.EMPTY_BUFFER);
        request.headers().set(CrossClusterHeaders.CREDENTIALS, "ApiKey a2V5OnNlY3JldA==");
        request.headers().set(CrossClusterHeaders.REQUEST_ID, requestId);
        channel.writeInbound(request);
        return channel.readOutbound();
    }

    private static JsonNode error(FullHttpResponse response) throws Exception {
        return MAPPER.readTree(ByteBufUtil.getBytes(response.content())).path("error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "tab\there", "caf\u00e9"})
    void requestId_notVisibleAscii_rejectedNamingTheHeader(String id) throws Exception {
        FullHttpResponse response = send(id);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason_code").asText()).isEqualTo("malformed_request");
        assertThat(error(response).path("reason").asText()).contains("[" + CrossClusterHeaders.REQUEST_ID + "]");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void requestId_overMaximumLength_rejectedNamingTheHeaderAndLimit() throws Exception {
        FullHttpResponse response = send("r".repeat(CrossClusterHeaders.MAX_REQUEST_ID_LENGTH + 1));

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason").asText())
                .contains("[" + CrossClusterHeaders.REQUEST_ID + "]")
                .contains(String.valueOf(CrossClusterHeaders.MAX_REQUEST_ID_LENGTH));
        assertThat(dispatched).isEmpty();
    }
}
