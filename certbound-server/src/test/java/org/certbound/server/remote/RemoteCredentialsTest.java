package org.certbound.server.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemoteCredentialsTest {

    private static final String SECRET = "MarkerSecret0123456789";

    private static String encoded(String id, String secret) {
        return Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_encodedValue_exposesIdAndHeader() {
        RemoteCredentials credentials = RemoteCredentials.parse("rc1", encoded("key-1", SECRET));

        assertThat(credentials.apiKeyId()).isEqualTo("key-1");
        assertThat(credentials.unsafeHeaderValue()).isEqualTo("ApiKey " + encoded("key-1", SECRET));
    }

    @Test
    void parse_trailingNewline_isTrimmed() {
        String value = encoded("key-1", SECRET) + "\n";

        RemoteCredentials credentials = RemoteCredentials.parse("rc1", value);

        assertThat(RemoteCredentials.wasTrimmed(value)).isTrue();
        assertThat(credentials.unsafeHeaderValue()).isEqualTo("ApiKey " + encoded("key-1", SECRET));
    }

    @Test
    void parse_plainIdAndSecret_isRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> RemoteCredentials.parse("rc1", "key-1:" + SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[cluster.remote.rc1.credentials] is not in the expected encoded form")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void parse_base64WithoutColon_isRejected() {
        String value = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> RemoteCredentials.parse("rc1", value))
                .hasMessageContaining("Base64 of [<id>:<api_key>]")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void toString_neverPrintsSecret() {
        RemoteCredentials credentials = RemoteCredentials.parse("rc1", encoded("key-1", SECRET));

        assertThat(credentials.toString())
                .contains("key-1")
                .doesNotContain(SECRET)
                .doesNotContain(encoded("key-1", SECRET));
    }

    @Test
    void sameAs_comparesKeyAndSecret() {
        RemoteCredentials first = RemoteCredentials.parse("rc1", encoded("key-1", SECRET));

        assertThat(first.sameAs(Optional.of(RemoteCredentials.parse("rc1", encoded("key-1", SECRET)))))
                .isTrue();
        assertThat(first.sameAs(Optional.of(RemoteCredentials.parse("rc1", encoded("key-1", "other")))))
                .isFalse();
        assertThat(first.sameAs(Optional.empty())).isFalse();
    }
}
