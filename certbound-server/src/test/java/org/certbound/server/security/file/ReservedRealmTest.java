package org.certbound.server.security.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.certbound.server.remote.testing.MapSecureSettings;
import org.certbound.server.settings.SecureSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReservedRealmTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void captureLogs() {
        logger = (Logger) LoggerFactory.getLogger(ReservedRealm.class);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopCapture() {
        logger.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void authenticate_noBootstrapPassword_logsWhyOnce() {
        ReservedRealm realm = new ReservedRealm(SecureSettings.EMPTY);

        assertThat(realm.authenticate("elastic", "guess-1".toCharArray())).isEmpty();
        assertThat(realm.authenticate("elastic", "guess-2".toCharArray())).isEmpty();

        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0))
                .contains("[elastic]")
                .contains("disabled because [bootstrap.password] is not set in the keystore")
                .contains("certbound keystore add bootstrap.password --config")
                .doesNotContain("guess");
    }

    @Test
    void authenticate_reloadWithoutPassword_logsAgain() {
        ReservedRealm realm = new ReservedRealm(SecureSettings.EMPTY);
        realm.authenticate("elastic", "guess-1".toCharArray());

        realm.reload(SecureSettings.EMPTY);
        realm.authenticate("elastic", "guess-2".toCharArray());

        assertThat(warnings()).hasSize(2);
    }

    @Test
    void authenticate_passwordSet_logsNothing() {
        ReservedRealm realm = new ReservedRealm(MapSecureSettings.of("bootstrap.password", "Boot-Pass-1234"));

        assertThat(realm.authenticate("elastic", "wrong-pass".toCharArray())).isEmpty();
        assertThat(realm.authenticate("elastic", "Boot-Pass-1234".toCharArray()))
                .isPresent();

        assertThat(warnings()).isEmpty();
    }

    @Test
    void rejectReservedName_elastic_namesBootstrapPassword() {
        assertThatThrownBy(() -> FileUsers.rejectReservedName("elastic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[elastic] is a built-in user")
                .hasMessageContaining("[bootstrap.password]")
                .hasMessageContaining("choose another name");
    }

    @Test
    void rejectReservedName_otherName_accepted() {
        FileUsers.rejectReservedName("admin");
        FileUsers.rejectReservedName("Elastic");
    }
}
