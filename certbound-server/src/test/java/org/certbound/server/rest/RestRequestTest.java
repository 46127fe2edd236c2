package org.certbound.server.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.certbound.server.common.ApiException;
import org.certbound.server.rest.RestRequest.Method;
import org.junit.jupiter.api.Test;

class RestRequestTest {

    @Test
    void builder_decodesPathAndQuery() {
        RestRequest request = RestRequest.builder(Method.GET, "/a%20b/c/?q=x+y&flag&n=%3D")
                .header("Content-Type", "application/json")
                .build();

        assertThat(request.path()).isEqualTo("/a b/c");
        assertThat(request.param("q")).isEqualTo("x y");
        assertThat(request.paramAsBoolean("flag", false)).isTrue();
        assertThat(request.param("n")).isEqualTo("=");
        assertThat(request.header("content-type")).hasValue("application/json");
    }

    @Test
    void builder_invalidPercentEncodingIsRejected() {
        assertThatThrownBy(() -> RestRequest.builder(Method.GET, "/%zz").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paramAsBoolean_invalidValueIs400() {
        RestRequest request = RestRequest.builder(Method.GET, "/?pretty=maybe").build();

        assertThatThrownBy(() -> request.paramAsBoolean("pretty", false))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void contentAsJson_malformedNamesLineAndColumn() {
        RestRequest request = RestRequest.builder(Method.PUT, "/")
                .content("{\n  \"a\": tru\n}")
                .build();

        assertThatThrownBy(request::contentAsJson).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.type()).isEqualTo("x_content_parse_exception");
            assertThat(e.getMessage()).startsWith("[2:").doesNotContain("REDACTED");
        });
    }

    @Test
    void contentAsJson_duplicateKeyIs400() {
        RestRequest request = RestRequest.builder(Method.PUT, "/")
                .content("{\"a\":1,\"a\":2}")
                .build();

        assertThatThrownBy(request::contentAsJson).hasMessageContaining("Duplicate field");
    }

    @Test
    void contentAsJson_missingBodyIs400() {
        RestRequest request = RestRequest.builder(Method.PUT, "/").build();

        assertThatThrownBy(request::contentAsJson)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.type()).isEqualTo("parse_exception"));
    }

    @Test
    void authentication_unsetThrows() {
        RestRequest request = RestRequest.builder(Method.GET, "/").build();

        assertThatThrownBy(request::authentication).isInstanceOf(IllegalStateException.class);
        assertThat(request.optionalAuthentication()).isEmpty();
    }
}
