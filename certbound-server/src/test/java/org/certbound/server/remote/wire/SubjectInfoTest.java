package org.certbound.server.remote.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
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
        SubjectInfo subject = new SubjectInfo("alice", "file", "file", List.of(Map.of("logs_reader", role)));

        SubjectInfo decoded = SubjectInfo.decode(subject.encode());

        assertThat(decoded).isEqualTo(subject);
        assertThat(decoded.roleDescriptorSets()
                        .get(0)
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

    @Test
    void encode_oneSet_keepsTheObjectShape() throws Exception {
        SubjectInfo subject = new SubjectInfo("alice", "file", "file", List.of(Map.of("r", role("logs-*"))));

        JsonNode json = json(subject.encode());

        assertThat(json.path("role_descriptors").isObject()).isTrue();
        assertThat(json.at("/role_descriptors/r/indices/0/names/0").asText()).isEqualTo("logs-*");
    }

    @Test
    void encode_twoSets_sendsAnArrayInOrder() throws Exception {
        SubjectInfo subject = new SubjectInfo(
                "owner",
                "_es_api_key",
                "_es_api_key",
                List.of(Map.of("key_role", role("logs-1")), Map.of("owner_role", role("logs-*"))));

        JsonNode json = json(subject.encode());

        assertThat(json.path("role_descriptors").isArray()).isTrue();
        assertThat(json.path("role_descriptors")).hasSize(2);
        assertThat(json.at("/role_descriptors/0/key_role/indices/0/names/0").asText())
                .isEqualTo("logs-1");
        assertThat(json.at("/role_descriptors/1/owner_role/indices/0/names/0").asText())
                .isEqualTo("logs-*");
    }

    @Test
    void decode_encodedTwoSets_returnsSameSets() throws Exception {
        SubjectInfo subject = new SubjectInfo(
                "owner",
                "_es_api_key",
                "_es_api_key",
                List.of(Map.of("key_role", role("logs-1")), Map.of("owner_role", role("logs-*"))));

        SubjectInfo decoded = SubjectInfo.decode(subject.encode());

        assertThat(decoded).isEqualTo(subject);
        assertThat(decoded.roleDescriptorSets().get(0)).containsOnlyKeys("key_role");
        assertThat(decoded.roleDescriptorSets().get(1)).containsOnlyKeys("owner_role");
    }

    @Test
    void decode_arrayOfOneSet_returnsOneSet() {
        String encoded = base64("{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\","
                + "\"role_descriptors\":[{\"r\":{\"indices\":[]}}]}");

        SubjectInfo decoded = SubjectInfo.decode(encoded);

        assertThat(decoded.roleDescriptorSets()).hasSize(1);
        assertThat(decoded.roleDescriptorSets().get(0)).containsOnlyKeys("r");
    }

    @Test
    void decode_emptyArrayOfSets_isRejected() {
        String encoded = base64("{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\",\"role_descriptors\":[]}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[role_descriptors] must be an object or a non-empty array of objects");
    }

    @Test
    void decode_missingRoleDescriptors_isRejected() {
        String encoded = base64("{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\"}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("[role_descriptors]");
    }

    @Test
    void decode_setNotObject_isRejectedNamingItsPosition() {
        String encoded = base64(
                "{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\"," + "\"role_descriptors\":[{},[]]}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("[role_descriptors[1]]");
    }

    @Test
    void decode_roleDescriptorInSecondSetNotObject_isRejected() {
        String encoded = base64("{\"username\":\"a\",\"realm\":\"f\",\"realm_type\":\"file\","
                + "\"role_descriptors\":[{},{\"owner\":\"read\"}]}");

        assertThatThrownBy(() -> SubjectInfo.decode(encoded)).hasMessageContaining("role descriptor [owner]");
    }

    @Test
    void constructor_noSets_isRejected() {
        assertThatThrownBy(() -> new SubjectInfo("a", "f", "file", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one role descriptor set");
    }

    private static JsonNode role(String indexPattern) throws Exception {
        return MAPPER.readTree("{\"indices\":[{\"names\":[\"" + indexPattern + "\"],\"privileges\":[\"read\"]}]}");
    }

    private static JsonNode json(String encoded) throws Exception {
        return MAPPER.readTree(Base64.getDecoder().decode(encoded));
    }
}
