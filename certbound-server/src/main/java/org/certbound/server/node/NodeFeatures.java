package org.certbound.server.node;

import java.util.List;
import org.certbound.server.apikey.ApiKeyFeature;
import org.certbound.server.audit.AuditFeature;
import org.certbound.server.index.rest.IndexFeature;
import org.certbound.server.remote.RemoteClusterFeature;
import org.certbound.server.remote.verify.RemoteSecurityFeature;
import org.certbound.server.security.file.FileRealmFeature;

/** The node's features in start order; each feature adds one line here. */
public final class NodeFeatures {

    private NodeFeatures() {}

    /** Returns new instances of every feature. */
    public static List<NodeFeature> all() {
        ApiKeyFeature apiKeys = new ApiKeyFeature();
        return List.of(
                new CoreRestFeature(),
                new FileRealmFeature(),
                apiKeys,
                new AuditFeature(),
                new IndexFeature(),
                new RemoteSecurityFeature(apiKeys::authenticationService),
                new RemoteClusterFeature());
    }
}
