package org.certbound.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.certbound.server.common.ApiException;
import org.junit.jupiter.api.Test;

class MediaTypesTest {

    @Test
    void checkContentType_acceptsJsonAndVendorTypes() {
        assertThatCode(() -> MediaTypes.checkContentType("application/json; charset=UTF-8"))
                .doesNotThrowAnyException();
        assertThatCode(() -> MediaTypes.checkContentType("application/vnd.elasticsearch+json; compatible-with=9"))
                .doesNotThrowAnyException();
        assertThatCode(() -> MediaTypes.checkContentType("application/x-ndjson"))
                .doesNotThrowAnyException();
    }

    @Test
    void checkContentType_rejectsOthers() {
        assertThatThrownBy(() -> MediaTypes.checkContentType("application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(406));
        assertThatThrownBy(() -> MediaTypes.checkContentType("application/vnd.elasticsearch+json;compatible-with=7"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void responseType_echoesVendorVersion() {
        assertThat(MediaTypes.responseType(null)).isEqualTo("application/json");
        assertThat(MediaTypes.responseType("*/*")).isEqualTo("application/json");
        assertThat(MediaTypes.responseType("application/vnd.elasticsearch+json; compatible-with=8"))
                .isEqualTo("application/vnd.elasticsearch+json;compatible-with=8");
    }
}
