package org.certbound.server.index.fieldcaps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.index.TestJson.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.security.FieldSecurity;
import org.certbound.server.index.security.IndexAccess;
import org.certbound.server.index.security.IndexAccessControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCapabilitiesTest {
    @TempDir
    Path data;

    private IndicesService indices;
    private FieldCapabilitiesService service;

    @BeforeEach
    void createIndices() {
        indices = IndicesService.open(data);
        service = new FieldCapabilitiesService(indices);
        indices.createIndex(
                "a",
                json("{'mappings':{'properties':{'code':{'type':'keyword'},'message':{'type':'text',"
                        + "'fields':{'keyword':{'type':'keyword'}}},'user':{'properties':{'name':{'type':'keyword'},"
                        + "'secret':{'type':'keyword'}}}}}}"));
        indices.createIndex(
                "b", json("{'mappings':{'properties':{'code':{'type':'long'},'message':{'type':'text'}}}}"));
    }

    @AfterEach
    void closeIndices() throws Exception {
        indices.close();
    }

    private JsonNode fieldCaps(List<String> fields, boolean includeUnmapped, IndexAccessControl access) {
        return FieldCapabilitiesResponse.render(
                service.collect(List.of("a", "b"), fields, access), includeUnmapped, List.of());
    }

    @Test
    void render_typesDiffer_listsIndicesPerType() {
        JsonNode response = fieldCaps(List.of("code"), false, IndexAccessControl.UNRESTRICTED);

        assertThat(response.path("indices").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(response.at("/fields/code/keyword/indices").toString()).isEqualTo("[\"a\"]");
        assertThat(response.at("/fields/code/long/indices").toString()).isEqualTo("[\"b\"]");
        assertThat(response.at("/fields/code/long/aggregatable").asBoolean()).isTrue();
    }

    @Test
    void render_sameType_omitsIndices() {
        JsonNode message = fieldCaps(List.of("message"), false, IndexAccessControl.UNRESTRICTED)
                .at("/fields/message/text");

        assertThat(message.path("searchable").asBoolean()).isTrue();
        assertThat(message.path("aggregatable").asBoolean()).isFalse();
        assertThat(message.has("indices")).isFalse();
        assertThat(message.has("non_aggregatable_indices")).isFalse();
    }

    @Test
    void render_includeUnmapped_reportsIndicesWithoutField() {
        JsonNode keyword = fieldCaps(List.of("message.keyword"), true, IndexAccessControl.UNRESTRICTED)
                .at("/fields/message.keyword");

        assertThat(keyword.at("/unmapped/indices").toString()).isEqualTo("[\"b\"]");
        assertThat(keyword.at("/unmapped/searchable").asBoolean()).isFalse();
        assertThat(keyword.at("/keyword/indices").toString()).isEqualTo("[\"a\"]");
    }

    @Test
    void render_withoutIncludeUnmapped_omitsUnmapped() {
        JsonNode keyword = fieldCaps(List.of("message.keyword"), false, IndexAccessControl.UNRESTRICTED)
                .at("/fields/message.keyword");

        assertThat(keyword.has("unmapped")).isFalse();
        assertThat(keyword.at("/keyword").has("indices")).isFalse();
    }

    @Test
    void render_flagsDifferWithinType_listsExceptions() {
        IndexFieldCapabilities first =
                new IndexFieldCapabilities("x", Map.of("f", new FieldCapability("k", true, true)));
        IndexFieldCapabilities second =
                new IndexFieldCapabilities("y", Map.of("f", new FieldCapability("k", true, false)));

        JsonNode field = FieldCapabilitiesResponse.render(List.of(first, second), false, List.of())
                .at("/fields/f/k");

        assertThat(field.path("aggregatable").asBoolean()).isFalse();
        assertThat(field.path("non_aggregatable_indices").toString()).isEqualTo("[\"y\"]");
        assertThat(field.has("non_searchable_indices")).isFalse();
    }

    @Test
    void collect_wildcard_addsParentObjects() {
        JsonNode fields = fieldCaps(List.of("user.n*"), false, IndexAccessControl.UNRESTRICTED)
                .path("fields");

        assertThat(fields.has("user.name")).isTrue();
        assertThat(fields.at("/user/object/searchable").asBoolean()).isFalse();
        assertThat(fields.has("user.secret")).isFalse();
        assertThat(fields.has("message")).isFalse();
    }

    @Test
    void collect_fieldSecurity_hidesFieldsAndEmptyObjects() {
        IndexAccessControl access = index ->
                new IndexAccess(List.of(), FieldSecurity.of(List.of("code", "message*"), List.of("message.keyword")));

        JsonNode fields = fieldCaps(List.of("*"), false, access).path("fields");

        assertThat(fields.has("code")).isTrue();
        assertThat(fields.has("message")).isTrue();
        assertThat(fields.has("message.keyword")).isFalse();
        assertThat(fields.has("user.secret")).isFalse();
        assertThat(fields.has("user")).isFalse();
    }

    @Test
    void indexFieldCapabilities_jsonRoundTrip_keepsEveryField() {
        IndexFieldCapabilities original = service.collect(List.of("a"), List.of("*"), IndexAccessControl.UNRESTRICTED)
                .get(0);

        IndexFieldCapabilities parsed = IndexFieldCapabilities.fromJson(original.toJson());

        assertThat(parsed).isEqualTo(original);
        assertThat(parsed.qualified("r").index()).isEqualTo("r:a");
    }

    @Test
    void indexFieldCapabilities_fromJsonWithoutType_rejected() {
        assertThatThrownBy(
                        () -> IndexFieldCapabilities.fromJson(json("{'name':'a','fields':{'f':{'searchable':true}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[f]");
    }

    @Test
    void parse_noFields_rejected() {
        assertThatThrownBy(() -> FieldCapabilitiesRequest.parse(Map.of(), null))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("no fields specified");
    }

    @Test
    void parse_urlAndBodyFields_addUp() {
        FieldCapabilitiesRequest request = FieldCapabilitiesRequest.parse(
                Map.of("fields", "a,b", "include_unmapped", "true", "allow_no_indices", "false"),
                json("{'fields':['c']}"));

        assertThat(request.fields()).containsExactly("a", "b", "c");
        assertThat(request.includeUnmapped()).isTrue();
        assertThat(request.options().allowNoIndices()).isFalse();
    }

    @Test
    void parse_unknownBodyKey_rejected() {
        assertThatThrownBy(() -> FieldCapabilitiesRequest.parse(Map.of("fields", "a"), json("{'index_filter':{}}")))
                .isInstanceOf(IndexException.class)
                .hasMessageContaining("[index_filter]");
    }
}
