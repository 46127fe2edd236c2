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

    /** Returns a search request with every cross-cluster header set once to a well-formed value. */
    private static FullHttpRequest searchRequest() {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                CrossClusterHeaders.pathOf(CrossClusterActions.SEARCH),
                Unpooled.EMPTY_BUFFER);
        request.headers()
                .set(CrossClusterHeaders.WIRE_VERSION, CrossClusterHeaders.CURRENT_WIRE_VERSION)
                .set(CrossClusterHeaders.ACTION, CrossClusterActions.SEARCH)
                .set(CrossClusterHeaders.CREDENTIALS, "ApiKey a2V5OnNlY3JldA==")
                .set(CrossClusterHeaders.SUBJECT_INFO, "e30=")
                .set(CrossClusterHeaders.SIGNATURE, "eyJhbGciOiJFUzI1NiJ9..c2ln")
                .set(CrossClusterHeaders.REQUEST_ID, "req-1");
        return request;
    }

    private FullHttpResponse send(FullHttpRequest request) {
        channel.writeInbound(request);
        channel.checkException();
        return channel.readOutbound();
    }

    private FullHttpResponse send(String requestId) {
        FullHttpRequest request = searchRequest();
        request.headers().set(CrossClusterHeaders.REQUEST_ID, requestId);
        return send(request);
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                CrossClusterHeaders.SIGNATURE,
                CrossClusterHeaders.CREDENTIALS,
                CrossClusterHeaders.SUBJECT_INFO,
                CrossClusterHeaders.ACTION,
                CrossClusterHeaders.WIRE_VERSION,
                CrossClusterHeaders.REQUEST_ID
            })
    void crossClusterHeader_repeated_rejectedNamingTheHeader(String name) throws Exception {
        FullHttpRequest request = searchRequest();
        request.headers().add(name, request.headers().get(name));

        FullHttpResponse response = send(request);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason_code").asText()).isEqualTo("malformed_request");
        assertThat(error(response).path("reason").asText()).contains("[" + name + "]");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void repeatedHeader_beforeOtherChecks_reportedFirst() throws Exception {
        FullHttpRequest request = searchRequest();
        request.setUri(CrossClusterHeaders.pathOf("indices:admin/create"));
        request.headers().remove(CrossClusterHeaders.WIRE_VERSION);
        request.headers().add(CrossClusterHeaders.CREDENTIALS, "ApiKey b3RoZXI6c2VjcmV0");

        FullHttpResponse response = send(request);

        assertThat(error(response).path("reason_code").asText()).isEqualTo("malformed_request");
        assertThat(error(response).path("reason").asText()).contains("[" + CrossClusterHeaders.CREDENTIALS + "]");
    }

    @Test
    void wireVersion_missing_rejectedNamingTheSupportedVersion() throws Exception {
        FullHttpRequest request = searchRequest();
        request.headers().remove(CrossClusterHeaders.WIRE_VERSION);

        FullHttpResponse response = send(request);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason_code").asText()).isEqualTo("unsupported_version");
        assertThat(error(response).path("reason").asText())
                .contains("[" + CrossClusterHeaders.WIRE_VERSION + "]")
                .contains("[" + CrossClusterHeaders.CURRENT_WIRE_VERSION + "]")
                .contains("missing");
        assertThat(dispatched).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "0", "01", "1.0", "v1"})
    void wireVersion_unsupported_rejectedNamingTheSupportedVersion(String version) throws Exception {
        FullHttpRequest request = searchRequest();
        request.headers().set(CrossClusterHeaders.WIRE_VERSION, version);

        FullHttpResponse response = send(request);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason_code").asText()).isEqualTo("unsupported_version");
        assertThat(error(response).path("reason").asText())
                .contains("supported wire version [" + CrossClusterHeaders.CURRENT_WIRE_VERSION + "]");
        assertThat(dispatched).isEmpty();
    }

    @Test
    void wireVersion_missingOnUnauthenticatedHandshake_rejected() throws Exception {
        FullHttpRequest request = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.POST,
                CrossClusterHeaders.pathOf(CrossClusterActions.HANDSHAKE),
                Unpooled.EMPTY_BUFFER);

        FullHttpResponse response = send(request);

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(error(response).path("reason_code").asText()).isEqualTo("unsupported_version");
    }
}
