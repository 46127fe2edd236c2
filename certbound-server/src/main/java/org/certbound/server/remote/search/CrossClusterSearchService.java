package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesRequest;
import org.certbound.server.remote.RemoteClusterException;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.verify.IndexAccessControl;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;

/**
 * Runs {@code _search}, {@code _count} and {@code _field_caps} over this cluster and remote clusters, and merges the
 * results, aggregations included.
 *
 * <p>The remote clusters are asked in parallel, each for the first {@code from + size} hits; the local
 * part runs meanwhile. A remote cluster that fails or rejects the request is marked skipped with its
 * reason when its alias has {@code skip_unavailable: true}; otherwise the whole request fails with the
 * remote's status and a reason that names the alias, the API key id and the remote's reason.
 */
public final class CrossClusterSearchService {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEFAULT_SIZE = 10;

    private final RemoteClusterService remotes;
    private final Supplier<Optional<LocalSearchEngine>> engine;
    private final IntSupplier maxBuckets;
    private final RemoteActionSender sender;
    private final CrossClusterFieldCaps fieldCaps;

    /**
     * Creates the service.
     *
     * @param remotes the remote clusters
     * @param engine this node's engine, looked up per request
     * @param maxBuckets the current {@code search.max_buckets}, which bounds the buckets of the merged aggregations
     */
    public CrossClusterSearchService(
            RemoteClusterService remotes, Supplier<Optional<LocalSearchEngine>> engine, IntSupplier maxBuckets) {
        this.remotes = remotes;
        this.engine = engine;
        this.maxBuckets = maxBuckets;
        this.sender = new RemoteActionSender(remotes);
        this.fieldCaps = new CrossClusterFieldCaps(engine, sender);
    }

    /** Returns whether an index expression names a remote cluster. */
    public static boolean isCrossCluster(String expression) {
        return expression.indexOf(':') >= 0;
    }

    /**
     * Runs a search.
     *
     * @param user the querying user
     * @param expression the comma-separated index expression
     * @param body the search body
     * @param requestId the request id, sent to the remote clusters
     * @return the merged response
     * @throws ApiException for a bad request, an unknown alias, a failed local part, or a failed remote whose
     *     alias has {@code skip_unavailable: false}
     */
    public ObjectNode search(Authentication user, String expression, JsonNode body, String requestId) {
        return search(user, expression, body, false, requestId);
    }

    /**
     * Runs a search and merges the aggregations of every cluster that returned a response.
     *
     * @param user the querying user
     * @param expression the comma-separated index expression
     * @param body the search body
     * @param typedKeys whether aggregation names carry their type prefix ({@code typed_keys=true})
     * @param requestId the request id, sent to the remote clusters
     * @return the merged response
     * @throws ApiException as {@link #search(Authentication, String, JsonNode, String)}
     */
    public ObjectNode search(
            Authentication user, String expression, JsonNode body, boolean typedKeys, String requestId) {
        return run(user, expression, body, requestId, false, typedKeys);
    }

    /**
     * Runs a count.
     *
     * @param user the querying user
     * @param expression the comma-separated index expression
     * @param body the count body
     * @param requestId the request id
     * @return the merged count
     * @throws ApiException as {@link #search}
     */
    public ObjectNode count(Authentication user, String expression, JsonNode body, String requestId) {
        return run(user, expression, body, requestId, true, false);
    }

    /**
     * Reads field capabilities over this cluster and remote clusters ({@code _field_caps}). Remote index names are
     * reported as {@code <alias>:<index>}, and a skipped remote is listed under {@code failures}.
     *
     * @param user the querying user
     * @param expression the comma-separated index expression
     * @param request the parsed request
     * @param requestId the request id, sent to the remote clusters
     * @return the merged response
     * @throws ApiException as {@link #search(Authentication, String, JsonNode, String)}, and a 404 when {@code
     *     allow_no_indices} is false and no index matched
     */
    public ObjectNode fieldCaps(
            Authentication user, String expression, FieldCapabilitiesRequest request, String requestId) {
        return fieldCaps.run(user, expression, split(expression), request, requestId);
    }

    private ObjectNode run(
            Authentication user, String expression, JsonNode body, String requestId, boolean count, boolean typedKeys) {
        long start = System.nanoTime();
        ClusterExpressions.Groups groups = split(expression);
        // Every cluster returns its aggregations in the mergeable form, so that the merge is exact.
        boolean partialAggregations = !count && (body.has("aggregations") || body.has("aggs"));
        String action = count ? CrossClusterActions.COUNT : CrossClusterActions.SEARCH;
        Map<String, CompletableFuture<ClusterOutcome>> pending = new LinkedHashMap<>();
        groups.remote().forEach((alias, indices) -> {
            ObjectNode wire = RemoteActionSender.wire(indices, false);
            wire.set("search", remoteBody(body, count));
            if (partialAggregations) {
                wire.put("partial_aggregations", true);
            }
            pending.put(alias, sender.send(user, alias, indices, wire, action, requestId));
        });

        List<ClusterOutcome> outcomes = new ArrayList<>();
        if (!groups.local().isEmpty()) {
            outcomes.add(runLocal(user, groups.local(), localBody(body, count), action, partialAggregations));
        }
        for (CompletableFuture<ClusterOutcome> future : pending.values()) {
            ClusterOutcome outcome = future.join();
            if (outcome.status() == ClusterOutcome.Status.FAILED) {
                throw RemoteActionSender.toApiException(outcome);
            }
            outcomes.add(outcome);
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        return count
                ? SearchResponseMerger.mergeCount(outcomes)
                : SearchResponseMerger.mergeSearch(body, outcomes, took, typedKeys, maxBuckets.getAsInt());
    }

    private ClusterExpressions.Groups split(String expression) {
        try {
            return ClusterExpressions.split(expression, remotes.aliases());
        } catch (NoSuchRemoteClusterException e) {
            throw ApiException.of(404, "no_such_remote_cluster_exception", e.getMessage());
        }
    }

    private ClusterOutcome runLocal(
            Authentication user, List<String> expressions, JsonNode body, String action, boolean partialAggregations) {
        long start = System.nanoTime();
        LocalSearchEngine local = engine.get()
                .orElseThrow(() -> ApiException.of(
                        503, "unavailable_exception", "the search engine of this node is not available"));
        VerifiedCrossClusterRequest permissions = SubjectInfos.localPermissions(user);
        AuthorizedIndexResolver.Resolution resolution = AuthorizedIndexResolver.resolve(
                expressions,
                local.indexNames(),
                index -> permissions.indexAccess(action, index).isPresent());
        if (!resolution.unauthorized().isEmpty()) {
            throw ApiException.forbidden("action [" + action + "] is unauthorized for user [" + user.username()
                    + "] on indices [" + String.join(",", resolution.unauthorized()) + "]");
        }
        if (!resolution.missing().isEmpty()) {
            throw ApiException.notFound(
                            "index_not_found_exception",
                            "no such index [" + resolution.missing().get(0) + "]")
                    .withMetadata("index", resolution.missing().get(0));
        }

        Map<String, IndexAccessControl> access = new LinkedHashMap<>();
        for (String index : resolution.indices()) {
            permissions.indexAccess(action, index).ifPresent(control -> access.put(index, control));
        }

        try {
            ObjectNode response;
            if (action.equals(CrossClusterActions.COUNT)) {
                response = local.count(resolution.indices(), body, access);
            } else if (partialAggregations) {
                response = local.searchWithPartialAggregations(resolution.indices(), body, access);
            } else {
                response = local.search(resolution.indices(), body, access);
            }
            return ClusterOutcome.success(
                    ClusterOutcome.LOCAL,
                    String.join(",", expressions),
                    response,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (ApiException e) {
            throw e;
        } catch (IndexException e) {
            ApiException failure = ApiException.of(e.status(), e.type(), e.getMessage());
            for (Map.Entry<String, String> entry : e.metadata().entrySet()) {
                failure = failure.withMetadata(entry.getKey(), entry.getValue());
            }
            throw failure;
        } catch (Exception e) {
            throw ApiException.of(500, "exception", "the local part of the search failed")
                    .withCause(e);
        }
    }

    private static JsonNode remoteBody(JsonNode body, boolean count) {
        if (count) {
            return body;
        }
        ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : MAPPER.createObjectNode();
        int from = Math.max(0, body.path("from").asInt(0));
        int size = Math.max(0, body.path("size").asInt(DEFAULT_SIZE));
        long window = (long) from + size;
        if (window > Integer.MAX_VALUE) {
            // Each cluster is asked for from + size hits, which must stay an int; every index limits it far below.
            throw ApiException.badRequest("Result window is too large, from + size must be less than or equal to the"
                    + " [index.max_result_window] of every index searched, but was [" + window + "]");
        }
        copy.put("from", 0);
        copy.put("size", (int) window);
        return copy;
    }

    private static JsonNode localBody(JsonNode body, boolean count) {
        return remoteBody(body, count);
    }

    /**
     * Reports, for each cluster an expression reaches, whether it is connected and whether the request
     * would be authorized ({@code GET /_resolve/cluster/<expression>}).
     *
     * @param user the querying user
     * @param expression the comma-separated index expression
     * @param requestId the request id
     * @return the report by cluster, {@code (local)} for this one
     */
    public ObjectNode resolveCluster(Authentication user, String expression, String requestId) {
        ClusterExpressions.Groups groups = split(expression);
        Map<String, CompletableFuture<ObjectNode>> pending = new LinkedHashMap<>();
        groups.remote().forEach((alias, indices) -> pending.put(alias, resolveRemote(user, alias, indices, requestId)));
        ObjectNode report = MAPPER.createObjectNode();
        if (!groups.local().isEmpty()) {
            report.set(ClusterOutcome.LOCAL, resolveLocal(user, groups.local()));
        }
        pending.forEach((alias, future) -> report.set(alias, future.join()));
        return report;
    }

    private ObjectNode resolveLocal(Authentication user, List<String> expressions) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("connected", true);
        node.put("skip_unavailable", false);
        Optional<LocalSearchEngine> local = engine.get();
        if (local.isEmpty()) {
            node.put("error", "the search engine of this node is not available");
            return node;
        }
        VerifiedCrossClusterRequest permissions = SubjectInfos.localPermissions(user);
        AuthorizedIndexResolver.Resolution resolution = AuthorizedIndexResolver.resolve(
                expressions,
                local.get().indexNames(),
                index -> permissions
                        .indexAccess(CrossClusterActions.SEARCH, index)
                        .isPresent());
        node.put("authorized", resolution.unauthorized().isEmpty());
        node.put("matching_indices", !resolution.indices().isEmpty());
        return node;
    }

    private CompletableFuture<ObjectNode> resolveRemote(
            Authentication user, String alias, List<String> indices, String requestId) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("skip_unavailable", remotes.skipUnavailable(alias));
        Optional<SubjectInfo> subject = SubjectInfos.forAlias(user, alias);
        if (subject.isEmpty()) {
            node.put("connected", remotes.isConnected(alias));
            node.put("authorized", false);
            node.put("error", SubjectInfos.noRemotePrivilegesReason(user, alias));
            return CompletableFuture.completedFuture(node);
        }
        ObjectNode wire = MAPPER.createObjectNode();
        var list = wire.putArray("indices");
        indices.forEach(list::add);
        return remotes.send(
                        alias,
                        CrossClusterActions.RESOLVE_CLUSTER,
                        subject.get(),
                        wire.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        requestId)
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        boolean rejected = cause instanceof RemoteClusterException remote
                                && (remote.status() == 401 || remote.status() == 403);
                        node.put("connected", rejected);
                        node.put("authorized", false);
                        node.put("error", cause.getMessage());
                        return node;
                    }
                    node.put("connected", true);
                    if (!response.isSuccess()) {
                        CrossClusterErrors.RemoteError error = CrossClusterErrors.parse(response);
                        node.put("authorized", false);
                        node.put(
                                "error",
                                "remote cluster [" + alias + "] rejected the request: " + error.reason()
                                        + " (reason code [" + error.reasonCode() + "])");
                        return node;
                    }
                    try {
                        JsonNode body = MAPPER.readTree(response.body());
                        node.put("authorized", true);
                        node.put(
                                "matching_indices",
                                body.path("matching_indices").asBoolean(false));
                        node.set("version", body.path("version"));
                    } catch (IOException e) {
                        node.put("error", "remote cluster [" + alias + "] sent a response that is not JSON");
                    }
                    return node;
                });
    }
}
