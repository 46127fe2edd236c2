package org.certbound.server.remote.verify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
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
 * <p>It must start after the API key feature, whose service authenticates the keys, and after the audit feature,
 * whose trail it uses when present. A {@link CrossClusterKeyService} published by an earlier feature replaces the
 * API key service, which tests use.
 */
public final class RemoteSecurityFeature implements NodeFeature {

    private static final String REMOTE_SERVER_ENABLED = "remote_cluster_server.enabled";

    private final Supplier<ApiKeyAuthenticationService> apiKeys;
    private @Nullable SigningConfigManager signing;
    private @Nullable TrustConfigManager trust;

    /**
     * Creates the feature.
     *
     * @param apiKeys returns the node's API key service once the API key feature has started
     */
    public RemoteSecurityFeature(Supplier<ApiKeyAuthenticationService> apiKeys) {
        this.apiKeys = apiKeys;
    }

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
        CrossClusterKeyService keys = context.service(CrossClusterKeyService.class)
                .orElseGet(() -> new ApiKeyCrossClusterKeyService(apiKeys.get()));
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

    private static boolean isRemoteServerEnabled(Settings settings) {
        return Boolean.parseBoolean(settings.get(REMOTE_SERVER_ENABLED));
    }
}
