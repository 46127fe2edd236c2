package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.remote.verify.CrossClusterFixture.search;
import static org.certbound.server.remote.verify.CrossClusterFixture.signed;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.TrustAnchors;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class TrustBreadthTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void stopCapture() {
        root.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** Writes one PEM bundle of {@code count} self-signed roots, {@code first} among them when it is not null. */
    private Path bundle(String name, int count, TestPki.Issued first) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (first != null) {
            certificates.add(first.certificate());
        }
        while (certificates.size() < count) {
            certificates.add(TestPki.rootCa("CN=Root " + certificates.size() + ",O=Example")
                    .certificate());
        }
        return TestPki.writeCertificates(dir.resolve(name), certificates.toArray(X509Certificate[]::new));
    }

    private TrustConfigManager start(String file) {
        TrustConfigManager manager = new TrustConfigManager(dir, Clock.systemUTC());
        manager.start(
                Settings.builder()
                        .putList(RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(), file)
                        .build(),
                SecureSettings.EMPTY,
                true);
        return manager;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/ssl/certs/ca-certificates.crt",
                "/etc/ssl/cert.pem",
                "/etc/pki/tls/certs/ca-bundle.crt",
                "/opt/certbound/config/../../../etc/ssl/certs/ca-certificates.crt"
            })
    void isSystemBundle_systemCaPaths_detected(String path) {
        assertThat(TrustBreadth.isSystemBundle(Path.of(path), JAVA_HOME)).isTrue();
    }

    @Test
    void isSystemBundle_jdkCacerts_detected() {
        Path cacerts = JAVA_HOME.resolve("lib/security/cacerts");

        assertThat(TrustBreadth.isSystemBundle(cacerts, JAVA_HOME)).isTrue();
    }

    @Test
    void isSystemBundle_linkToJdkCacerts_detected() throws Exception {
        Path cacerts = JAVA_HOME.resolve("lib/security/cacerts");
        Path link = Files.createSymbolicLink(dir.resolve("truststore.p12"), cacerts);

        assertThat(TrustBreadth.isSystemBundle(link, JAVA_HOME)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ca.pem", "etc/ssl/ca.pem", "cacerts"})
    void isSystemBundle_filesInTheConfigDirectory_notDetected(String name) {
        assertThat(TrustBreadth.isSystemBundle(dir.resolve(name), JAVA_HOME)).isFalse();
    }

    @Test
    void warning_systemBundle_namesTheFile() {
        Path bundle = Path.of("/etc/ssl/certs/ca-certificates.crt");
        TrustAnchors one =
                TrustAnchors.of(List.of(TestPki.rootCa("CN=Root,O=Example").certificate()), "test");

        String warning = TrustBreadth.warning(List.of(bundle), one, JAVA_HOME).orElseThrow();

        assertThat(warning)
                .contains("system CA bundle [" + bundle + "]")
                .contains("every holder of a certificate issued by one of these CAs whose DN matches")
                .contains(RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key());
    }

    @Test
    void start_moreThanTwentyAnchors_warnsAtLoad() {
        bundle("many.pem", TrustBreadth.MAX_NARROW_ANCHORS + 1, null);

        TrustConfigManager manager = start("many.pem");

        assertThat(manager.breadthWarning()).isPresent();
        assertThat(manager.breadthWarning().get()).contains("it contains 21 certificates, more than 20");
        assertThat(warnings())
                .anySatisfy(line -> assertThat(line)
                        .contains("21 certificates")
                        .contains("certificate_identity pattern is admitted"));
    }

    @Test
    void start_twentyAnchors_noWarning() {
        bundle("twenty.pem", TrustBreadth.MAX_NARROW_ANCHORS, null);

        TrustConfigManager manager = start("twenty.pem");

        assertThat(manager.breadthWarning()).isEmpty();
        assertThat(warnings()).noneMatch(line -> line.contains("broad"));
    }

    @Test
    void untrustedChain_broadTrust_diagnosticsRepeatTheWarning() {
        CrossClusterFixture fixture = new CrossClusterFixture(dir);
        bundle("many.pem", TrustBreadth.MAX_NARROW_ANCHORS + 1, fixture.root);
        TrustConfigManager trust = start("many.pem");
        CrossClusterAuthenticationService service =
                new CrossClusterAuthenticationService(fixture.keys, trust, fixture.audit);
        fixture.registerKey("CN=node-1\\.example\\.com,OU=Search,O=Example", search("logs-*"));
        TestPki.Issued stranger =
                TestPki.rootCa("CN=Other CA,O=Elsewhere").issue("CN=node-1.example.com,OU=Search,O=Example", false);
        RequestSigner signer = fixture.signer("stranger", stranger, Clock.systemUTC());
        appender.list.clear();

        assertThatThrownBy(() -> service.authenticate(signed(signer, "{}")))
                .isInstanceOf(CrossClusterAccessException.class);

        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("was rejected"));
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains("21 certificates"));
    }
}
