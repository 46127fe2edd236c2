package org.certbound.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import org.certbound.server.rest.RestResponse;

/** Serializes a {@link RestResponse} body: JSON (pretty when asked) or plain text. */
final class ResponseRenderer {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A rendered body with its content type; both are null for a response without body. */
    record Rendered(byte[] body, String contentType) {}

    private ResponseRenderer() {}

    static Rendered render(RestResponse response, String jsonType, boolean pretty) throws JsonProcessingException {
        if (response.textBody() != null) {
            return new Rendered(response.textBody().getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        }
        if (response.body() == null) {
            return new Rendered(new byte[0], null);
        }
        ObjectMapper mapper = pretty ? PRETTY : COMPACT;
        byte[] body = mapper.writeValueAsBytes(response.body());
        if (pretty) {
            byte[] withNewline = new byte[body.length + 1];
            System.arraycopy(body, 0, withNewline, 0, body.length);
            withNewline[body.length] = '\n';
            body = withNewline;
        }
        return new Rendered(body, jsonType);
    }
}
