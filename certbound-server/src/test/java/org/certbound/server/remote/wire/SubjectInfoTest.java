package org.certbound.server.remote.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectInfoTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decode_encodedSubject_returnsSameSubject() throws Exception {
        JsonNode role = MAPPER.readTree("{\"indices\":[{\"names\":[\"logs-*\"],\"privileges\":[\"read\"]}]}");
        SubjectInfo subject = new SubjectInfo("alice", "file", "file", Map.of("logs_reader", role));

        SubjectInfo decoded = SubjectInfo.decode(subject.encode());

        assertThat(decoded).isEqualTo(subject);
        assertThat(decoded.roleDescriptors()
                        .get("logs_reader")
                        .at("/indices/0/names/0")
                        .asText())
                .isEqualTo("logs-*");
    }

    @Test
    void decode_notBase64_isRejected() {
        assertThatThrownBy(() -> SubjectInfo.decode("not base64 !"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("subject info is not valid Base64");
    }

    @Test
    void decode_missingUsername_isRejected() {
        String encoded = base64("{\"realm\":\"file\",\"realm_type\":\"file\",\"role_descriptors\":{}}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("[username]");
    }

    @Test
    void decode_duplicateField_isRejected() {
        String encoded = base64(
                "{\"username\":\"a\",\"username\":\"b\",\"realm\":\"f\",\"realm_type\":\"file\",\"role_descriptors\":{}}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessage("subject info is not valid JSON");
    }

    @Test
    void decode_roleDescriptorNotObject_isRejected() {
        String encoded =
                base64("{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\",\"role_descriptors\":{\"r\":[1]}}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("role descriptor [r]");
    }

    @Test
    void decode_tooLong_isRejectedBeforeDecoding() {
        String encoded = "A".repeat(SubjectInfo.MAX_ENCODED_LENGTH + 4);

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("maximum of 65536");
    }
}
