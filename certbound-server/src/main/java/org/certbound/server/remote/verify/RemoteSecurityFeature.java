package org.certbound.server.remote.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.apikey.ApiKeyAuthenticationService;
import org.certbound.server.audit.AuditTrail;
import org.certbound.server.node.FileWatcher;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.remote.signing.RemoteSigningSettings;
import org.certbound.server.remote.signing.SigningConfigManager;
import org.certbound.server.settings.Settings;
import org.jspecify.annotations.Nullable;

/**
 * Starts request signing and verification, and publishes {@link SigningConfigManager},
 * {@link TrustConfigManager} and {@link CrossClusterAuthenticator} as node services for the remote cluster
 * transport.
 *
 * <p>It must start after the API key feature and the audit feature, whose services it uses when they are present.
 */
public final class RemoteSecurityFeature implements NodeFeature {

    private static final String REMOTE_SERVER_ENABLED = "remote_cluster_server.enabled";

    private @Nullable SigningConfigManager signing;
    private @Nullable TrustConfigManager trust;

    @Override
    public List<Object> settings() {
        List<Object> all = new ArrayList<>(RemoteSigningSettings.all());
        all.addAll(RemoteVerifySettings.all());
        return all;
    }

    @Override
    public void start(NodeContext context) {
        Settings effective = context.clusterSettings().effective();
        Duration interval = FileWatcher.RELOAD_INTERVAL.get(context.settings());

        SigningConfigManager startedSigning = new SigningConfigManager(context.configDir(), Clock.systemUTC());
        startedSigning.start(effective, context.secureSettings());
        context.clusterSettings().addListener(startedSigning);
        context.addSecureSettingsReloadListener(startedSigning);
        startedSigning.scheduleFileChecks(context.scheduler(), interval);
        this.signing = startedSigning;

        TrustConfigManager startedTrust = new TrustConfigManager(context.configDir(), Clock.systemUTC());
        startedTrust.start(effective, context.secureSettings(), isRemoteServerEnabled(context.settings()));
        context.clusterSettings().addListener(startedTrust);
        context.addSecureSettingsReloadListener(startedTrust);
        startedTrust.scheduleFileChecks(context.scheduler(), interval);
        this.trust = startedTrust;

        AuditTrail audit = context.service(AuditTrail.class).orElse(AuditTrail.noop());
        CrossClusterKeyService keys = keyService(context);
        context.registerService(SigningConfigManager.class, startedSigning);
        context.registerService(TrustConfigManager.class, startedTrust);
        context.registerService(
                CrossClusterAuthenticator.class, new CrossClusterAuthenticationService(keys, startedTrust, audit));
    }

    @Override
    public void close() {
        if (signing != null) {
            signing.close();
        }
        if (trust != null) {
            trust.close();
        }
    }

    private static CrossClusterKeyService keyService(NodeContext context) {
        // Looked up per request, so the order in which the features publish their services does not matter.
        return encoded -> context.service(CrossClusterKeyService.class)
                .or(() -> context.service(ApiKeyAuthenticationService.class).map(ApiKeyCrossClusterKeyService::new))
                .orElseThrow(() -> new CrossClusterAccessException(
                        FailureCodes.AUTHENTICATION_UNAVAILABLE,
                        503,
                        "the remote cluster cannot authenticate API keys right now",
                        "no API key service is registered on this node",
                        null,
                        null))
                .authenticate(encoded);
    }

    private static boolean isRemoteServerEnabled(Settings settings) {
        return Boolean.parseBoolean(settings.get(REMOTE_SERVER_ENABLED));
    }
}
