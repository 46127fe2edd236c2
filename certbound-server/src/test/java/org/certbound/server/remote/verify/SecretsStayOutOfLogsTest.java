package org.certbound.server.remote.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.certbound.server.remote.verify.CrossClusterFixture.search;
import static org.certbound.server.remote.verify.CrossClusterFixture.signed;
import static org.certbound.server.remote.verify.CrossClusterFixture.unsigned;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.certbound.identity.RequestSigner;
import org.certbound.server.audit.JsonFileAuditTrail;
import org.certbound.server.remote.signing.SigningConfigManager;
import org.certbound.server.remote.testing.MapSecureSettings;
import org.certbound.server.remote.testing.TestPki;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Runs key loading, reloads and authentication with marker secrets and searches every output for them. */
class SecretsStayOutOfLogsTest {

    private static final String PASSWORD_MARKER = "MARKERPASSWORDabc987";

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void stopCapture() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }

    @Test
    void authenticateAndReload_markerSecrets_neverInLogsAuditOrErrors() throws Exception {
        CrossClusterFixture fixture = new CrossClusterFixture(dir);
        JsonFileAuditTrail audit = JsonFileAuditTrail.inLogsDir(dir.resolve("logs"));
        audit.setEnabled(true);
        TrustConfigManager trust = new TrustConfigManager(dir, Clock.systemUTC());
        trust.start(
                Settings.builder()
                        .putList(RemoteVerifySettings.CERTIFICATE_AUTHORITIES.key(), "root.pem")
                        .build(),
                SecureSettings.EMPTY,
                true);
        CrossClusterAuthenticationService service = new CrossClusterAuthenticationService(fixture.keys, trust, audit);
        List<String> errors = new ArrayList<>();

        fixture.registerKey("CN=node-2,O=Example", search("logs-*"));
        collect(errors, service, unsigned("{}"));
        collect(errors, service, signed(fixture.signer(), "{}"));
        TestPki.Issued stranger = TestPki.rootCa("CN=Stranger,O=Elsewhere").issue("CN=x,O=Elsewhere", false);
        collect(errors, service, signed(fixture.signer("stranger", stranger, Clock.systemUTC()), "{}"));
        fixture.keys.keys.clear();
        collect(errors, service, unsigned("{}"));
        fixture.registerKey(null, search("logs-*"));
        CrossClusterRequest accepted = unsigned("{}");
        service.authorize(accepted, service.authenticate(accepted), List.of("logs-1"));
        errors.add(keystoreReloadError(fixture));
        audit.close();

        List<String> outputs = new ArrayList<>(errors);
        outputs.addAll(Files.readAllLines(audit.file()));
        outputs.addAll(logLines());
        String privateKey = Base64.getEncoder()
                .encodeToString(fixture.leaf.keyPair().getPrivate().getEncoded());
        assertThat(logLines()).anyMatch(line -> line.contains("rejected cross-cluster request"));
        assertThat(logLines()).anyMatch(line -> line.contains("signing certificate chain from"));
        assertThat(Files.readAllLines(audit.file())).hasSizeGreaterThanOrEqualTo(6);
        for (String output : outputs) {
            assertThat(output)
                    .doesNotContain(CrossClusterFixture.SECRET)
                    .doesNotContain(CrossClusterFixture.ENCODED)
                    .doesNotContain(PASSWORD_MARKER)
                    .doesNotContain(privateKey.substring(40, 80));
        }
    }

    private static void collect(List<String> errors, CrossClusterAuthenticationService service, CrossClusterRequest r) {
        try {
            service.authenticate(r);
        } catch (CrossClusterAccessException e) {
            errors.add(e.getMessage());
            errors.add(e.operatorReason());
            errors.add(String.valueOf(e.getCause()));
        }
        errors.add(r.toString());
    }

    private String keystoreReloadError(CrossClusterFixture fixture) throws Exception {
        TestPki.Issued leaf = fixture.root.issue("CN=ks,O=Example", false);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("signer", leaf.keyPair().getPrivate(), PASSWORD_MARKER.toCharArray(), new X509Certificate[] {
            leaf.certificate()
        });
        try (OutputStream out = Files.newOutputStream(dir.resolve("signing.p12"))) {
            store.store(out, PASSWORD_MARKER.toCharArray());
        }
        SigningConfigManager signing = new SigningConfigManager(dir, Clock.systemUTC());
        String key = "cluster.remote.rc1.signing.keystore.secure_password";
        signing.start(
                Settings.builder()
                        .put("cluster.remote.rc1.signing.keystore.path", "signing.p12")
                        .build(),
                MapSecureSettings.of(key, PASSWORD_MARKER));
        RequestSigner signer = signing.signerFor("rc1").orElseThrow();
        assertThat(signer.toString()).doesNotContain(PASSWORD_MARKER);
        assertThatThrownBy(() -> signing.reload(MapSecureSettings.of(key, PASSWORD_MARKER + "x")))
                .isInstanceOf(IllegalStateException.class);
        try {
            signing.reload(MapSecureSettings.of(key, PASSWORD_MARKER + "x"));
            return "";
        } catch (IllegalStateException e) {
            return e.getMessage() + " " + signing.status("rc1");
        }
    }

    private List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : appender.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        return lines;
    }
}
