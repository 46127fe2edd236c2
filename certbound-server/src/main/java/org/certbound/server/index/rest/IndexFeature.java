package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesRequest;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.search.SearchSettings;
import org.certbound.server.node.NodeContext;
import org.certbound.server.node.NodeFeature;
import org.certbound.server.remote.search.CrossClusterSearchService;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's indices: opens the {@link IndicesService} under {@code <data>/indices}, publishes it as a node service,
 * registers the index, document and search routes, and closes the indices on shutdown. It must start before the
 * remote cluster feature, which looks the indices up and finds the search routes already served.
 */
public final class IndexFeature implements NodeFeature {
    private static final Logger logger = LoggerFactory.getLogger(IndexFeature.class);

    private IndicesService indices;

    @Override
    public List<Object> settings() {
        return SearchSettings.all();
    }

    @Override
    public void start(NodeContext context) {
        indices = IndicesService.open(context.dataDir());
        context.registerService(IndicesService.class, indices);
        IndexRestRoutes.register(
                context.restController(),
                indices,
                new SearchService(indices, SearchSettings.maxBuckets(context.clusterSettings())),
                request -> RestResponse.ok(crossCluster(context)
                        .search(
                                request.authentication(),
                                request.param("index"),
                                remoteBody(request),
                                request.paramAsBoolean("typed_keys", false),
                                request.requestId())),
                request -> RestResponse.ok(crossCluster(context)
                        .count(
                                request.authentication(),
                                request.param("index"),
                                remoteBody(request),
                                request.requestId())),
                request -> RestResponse.ok(crossCluster(context)
                        .fieldCaps(
                                request.authentication(),
                                request.param("index"),
                                FieldCapabilitiesRequest.parse(
                                        request.params(),
                                        request.optionalContentAsJson().orElse(null)),
                                request.requestId())));
    }

    private static CrossClusterSearchService crossCluster(NodeContext context) {
        return context.service(CrossClusterSearchService.class)
                .orElseThrow(() -> ApiException.badRequest(
                        "cross-cluster search is not available on this node; remove the [cluster:] prefix from the"
                                + " index expression"));
    }

    /** Returns the request body with the {@code size} and {@code from} URL parameters folded in. */
    private static JsonNode remoteBody(RestRequest request) {
        JsonNode content = request.optionalContentAsJson().orElseGet(JsonNodeFactory.instance::objectNode);
        ObjectNode body =
                content.isObject() ? ((ObjectNode) content).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (String param : new String[] {"size", "from"}) {
            String value = request.param(param);
            if (value != null) {
                try {
                    body.put(param, Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw ApiException.badRequest(
                            "URL parameter [" + param + "] must be an integer, got [" + value + "]");
                }
            }
        }
        return body;
    }

    @Override
    public void close() {
        if (indices != null) {
            try {
                indices.close();
            } catch (IOException | RuntimeException e) {
                logger.warn("failed to close the indices", e);
            }
        }
    }
}
