package org.certbound.server.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Captures every log line of the package at TRACE while keys are created and used, and looks for the secret. */
class ApiKeySecretLoggingTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.certbound.server.apikey");
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    @Test
    void createAuthenticateFail_neverLogsSecret() {
        InMemoryApiKeyStore store = new InMemoryApiKeyStore();
        MutableClock clock = new MutableClock();
        ApiKeyCache cache = new ApiKeyCache(Duration.ofMinutes(5), Duration.ofHours(1), 100, new SecureRandom());
        ApiKeyService service = new ApiKeyService(
                store,
                cache,
                new ApiKeyHasher(ApiKeyHasher.Algorithm.SSHA256, new SecureRandom()),
                new ApiKeyGenerator(new SecureRandom()),
                clock);
        ApiKeyAuthenticationService authentication = new ApiKeyAuthenticationService(store, cache, clock);
        ApiKeyCaller admin = new ApiKeyCaller(
                new ApiKeyDocument.Owner("admin", "file1", "file"),
                null,
                JsonNodeFactory.instance.objectNode(),
                privilege -> true);

        CreatedApiKey created = service.createCrossClusterKey(
                admin,
                CreateCrossClusterApiKeyRequest.parse(
                        Json.parse("{'name':'rc','access':{'search':[{'names':['a']}]}}")));
        String secret = new String(created.unsafeSecret());
        String encoded = new String(created.unsafeEncoded());
        authentication.authenticateCrossCluster(created.unsafeEncoded());
        char[] wrong = ApiKeyGenerator.encode(
                created.id(), new StringBuilder(secret).reverse().toString().toCharArray());
        assertThatThrownBy(() -> authentication.authenticateCrossCluster(wrong)).hasMessageNotContaining(secret);

        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(secret).doesNotContain(encoded);
        }
        assertThat(created.toString()).doesNotContain(secret);
    }
}
