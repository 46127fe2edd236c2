package org.certbound.server.remote;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.certbound.identity.RequestSigner;
import org.certbound.identity.SigningIdentity;

/** Renders one alias of {@code GET /_remote/info}. */
final class RemoteInfoRenderer {

    /** The placeholder that Elasticsearch prints in place of configured credentials. */
    static final String REDACTED = "::es_redacted::";

    private RemoteInfoRenderer() {}

    static ObjectNode render(
            RemoteCluster cluster, RemoteClusterService.SignerLookup signers, RemoteClusterService.Limits limits) {
        RemoteClusterConfig config = cluster.config();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        boolean connected = cluster.isConnected();
        node.put("connected", connected);
        node.put("mode", config.mode().settingValue());
        if (config.mode() == ConnectionMode.SNIFF) {
            var seeds = node.putArray("seeds");
            config.seeds().forEach(seeds::add);
            node.put("num_nodes_connected", connected ? cluster.connection().addressesInUse() : 0);
            node.put("max_connections_per_cluster", config.nodeConnections());
        } else {
            node.put("proxy_address", config.proxyAddress().orElse(""));
            node.put("server_name", config.serverName().orElse(""));
            node.put("num_proxy_sockets_connected", connected ? config.proxySocketConnections() : 0);
            node.put("max_proxy_socket_connections", config.proxySocketConnections());
        }
        node.put("initial_connect_timeout", limits.connectTimeout().toSeconds() + "s");
        node.put("skip_unavailable", config.skipUnavailable());
        if (cluster.credentials().isPresent()) {
            node.put("cluster_credentials", REDACTED);
            node.put("api_key_id", cluster.credentials().get().apiKeyId());
        }
        cluster.lastHandshake().ifPresent(info -> node.put("cluster_name", info.clusterName()));
        node.set("signing", signing(cluster.alias(), signers));
        cluster.lastError()
                .ifPresentOrElse(
                        error -> {
                            ObjectNode last = node.putObject("last_error");
                            last.put("timestamp", error.timestamp().toString());
                            last.put("type", error.type());
                            last.put("reason_code", error.reasonCode());
                            last.put("reason", error.reason());
                        },
                        () -> node.putNull("last_error"));
        return node;
    }

    static ObjectNode signing(String alias, RemoteClusterService.SignerLookup signers) {
        ObjectNode signing = JsonNodeFactory.instance.objectNode();
        Optional<RequestSigner> signer = signers.signerFor(alias);
        signing.put("enabled", signer.isPresent());
        if (signer.isPresent()) {
            SigningIdentity identity = signer.get().identity();
            signing.put("certificate_dn", identity.canonicalDn());
            signing.put("certificate_sha256", identity.fingerprint());
            signing.put("certificate_not_after", identity.notAfter().toString());
            // The JWS name (EdDSA, ES256), as it appears in the signature header, not the enum constant.
            signing.put("algorithm", identity.algorithm().jwsName());
        }
        signers.lastReloadError(alias)
                .ifPresentOrElse(
                        error -> signing.put("last_reload_error", error), () -> signing.putNull("last_reload_error"));
        return signing;
    }
}
