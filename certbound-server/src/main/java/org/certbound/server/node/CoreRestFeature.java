package org.certbound.server.node;

import static org.certbound.server.rest.RestRequest.Method.GET;
import static org.certbound.server.rest.RestRequest.Method.POST;
import static org.certbound.server.rest.RestRequest.Method.PUT;

import java.util.LinkedHashMap;
import java.util.Map;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.rest.RouteAccess;

/**
 * The node's own endpoints: {@code GET /}, {@code GET /_cluster/health}, {@code GET|PUT /_cluster/settings},
 * {@code POST /_nodes/reload_secure_settings} and {@code GET /_security/_authenticate}.
 */
final class CoreRestFeature implements NodeFeature {

    @Override
    public void start(NodeContext context) {
        NodeServices services = (NodeServices) context;
        RestController controller = context.restController();
        controller.register(GET, "/", RouteAccess.cluster("monitor"), request -> root(context));
        controller.register(GET, "/_cluster/health", RouteAccess.cluster("monitor"), request -> health(context));
        controller.register(
                GET, "/_cluster/health/{index}", RouteAccess.cluster("monitor"), request -> health(context));

        RestClusterSettingsAction settings = new RestClusterSettingsAction(
                context.clusterSettings(), context.authorizationService(), context.nodeName());
        controller.register(GET, "/_cluster/settings", RouteAccess.cluster("monitor"), settings::get);
        controller.register(PUT, "/_cluster/settings", RouteAccess.cluster("manage"), settings::put);

        RestReloadSecureSettingsAction reload = new RestReloadSecureSettingsAction(services);
        controller.register(POST, "/_nodes/reload_secure_settings", RouteAccess.cluster("manage"), reload::handle);
        controller.register(
                POST, "/_nodes/{node_id}/reload_secure_settings", RouteAccess.cluster("manage"), reload::handle);

        controller.register(
                GET, "/_security/_authenticate", RouteAccess.authenticated(), CoreRestFeature::authenticate);
    }

    private static RestResponse root(NodeContext context) {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("number", NodeVersion.ELASTICSEARCH_COMPATIBLE);
        version.put("build_flavor", "default");
        version.put("build_type", "tar");
        version.put("build_hash", "certbound-" + NodeVersion.CERTBOUND);
        version.put("build_date", "2026-01-01T00:00:00.000Z");
        version.put(
                "build_snapshot", NodeVersion.CERTBOUND.endsWith("SNAPSHOT") || NodeVersion.CERTBOUND.equals("dev"));
        version.put("lucene_version", NodeVersion.LUCENE);
        version.put("minimum_wire_compatibility_version", "8.19.0");
        version.put("minimum_index_compatibility_version", "8.0.0");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", context.nodeName());
        body.put("cluster_name", context.clusterName());
        body.put("cluster_uuid", context.clusterUuid());
        body.put("version", version);
        body.put("tagline", "You Know, for Search");
        return RestResponse.ok(body);
    }

    private static RestResponse health(NodeContext context) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cluster_name", context.clusterName());
        body.put("status", "green");
        body.put("timed_out", false);
        body.put("number_of_nodes", 1);
        body.put("number_of_data_nodes", 1);
        body.put("active_primary_shards", 0);
        body.put("active_shards", 0);
        body.put("relocating_shards", 0);
        body.put("initializing_shards", 0);
        body.put("unassigned_shards", 0);
        body.put("unassigned_primary_shards", 0);
        body.put("delayed_unassigned_shards", 0);
        body.put("number_of_pending_tasks", 0);
        body.put("number_of_in_flight_fetch", 0);
        body.put("task_max_waiting_in_queue_millis", 0);
        body.put("active_shards_percent_as_number", 100.0);
        return RestResponse.ok(body);
    }

    private static RestResponse authenticate(RestRequest request) {
        return RestResponse.ok(request.authentication().toAuthenticateResponse());
    }
}
