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
import java.util.function.Supplier;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndexException;
import org.certbound.server.remote.RemoteClusterException;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.verify.IndexAccessControl;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.RoleDescriptor;

/**
 * Runs {@code _search} and {@code _count} over this cluster and remote clusters, and merges the results.
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

    /**
     * Creates the service.
     *
     * @param remotes the remote clusters
     * @param engine this node's engine, looked up per request
     */
    public CrossClusterSearchService(RemoteClusterService remotes, Supplier<Optional<LocalSearchEngine>> engine) {
        this.remotes = remotes;
        this.engine = engine;
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
        return run(user, expression, body, requestId, false);
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
        return run(user, expression, body, requestId, true);
    }

    private ObjectNode run(Authentication user, String expression, JsonNode body, String requestId, boolean count) {
        long start = System.nanoTime();
        ClusterExpressions.Groups groups = split(expression);
        if (!count && (body.has("aggregations") || body.has("aggs"))) {
            if (groups.remote().size() + (groups.local().isEmpty() ? 0 : 1) > 1) {
                throw ApiException.badRequest("aggregations over more than one cluster are not supported yet;"
                        + " search one cluster at a time");
            }
        }
        String action = count ? CrossClusterActions.COUNT : CrossClusterActions.SEARCH;
        Map<String, CompletableFuture<ClusterOutcome>> pending = new LinkedHashMap<>();
        groups.remote()
                .forEach((alias, indices) -> pending.put(
                        alias, sendRemote(user, alias, indices, remoteBody(body, count), action, requestId)));

        List<ClusterOutcome> outcomes = new ArrayList<>();
        if (!groups.local().isEmpty()) {
            outcomes.add(runLocal(user, groups.local(), localBody(body, count), action));
        }
        for (CompletableFuture<ClusterOutcome> future : pending.values()) {
            ClusterOutcome outcome = future.join();
            if (outcome.status() == ClusterOutcome.Status.FAILED) {
                throw toApiException(outcome);
            }
            outcomes.add(outcome);
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        return count
                ? SearchResponseMerger.mergeCount(outcomes)
                : SearchResponseMerger.mergeSearch(body, outcomes, took);
    }

    private ClusterExpressions.Groups split(String expression) {
        try {
            return ClusterExpressions.split(expression, remotes.aliases());
        } catch (NoSuchRemoteClusterException e) {
            throw ApiException.of(404, "no_such_remote_cluster_exception", e.getMessage());
        }
    }

    private CompletableFuture<ClusterOutcome> sendRemote(
            Authentication user, String alias, List<String> indices, JsonNode body, String action, String requestId) {
        String joined = String.join(",", indices);
        boolean skip = remotes.skipUnavailable(alias);
        long start = System.nanoTime();
        Optional<SubjectInfo> subject = SubjectInfos.forAlias(user, alias);
        if (subject.isEmpty()) {
            return CompletableFuture.completedFuture(ClusterOutcome.unavailable(
                    alias,
                    joined,
                    skip,
                    new ClusterOutcome.Failure(
                            403,
                            "security_exception",
                            "no_remote_privileges",
                            SubjectInfos.noRemotePrivilegesReason(user, alias)),
                    0));
        }
        ObjectNode wire = MAPPER.createObjectNode();
        var list = wire.putArray("indices");
        indices.forEach(list::add);
        wire.put("ignore_unavailable", false);
        wire.set("search", body);
        return remotes.send(
                        alias,
                        action,
                        subject.get(),
                        wire.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        requestId)
                .handle((response, failure) -> toOutcome(alias, joined, skip, response, failure, start));
    }

    private ClusterOutcome toOutcome(
            String alias, String indices, boolean skip, CrossClusterResponse response, Throwable failure, long start) {
        long took = (System.nanoTime() - start) / 1_000_000;
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RemoteClusterException remote) {
                return ClusterOutcome.unavailable(
                        alias,
                        indices,
                        skip,
                        new ClusterOutcome.Failure(
                                remote.status(), remote.type(), remote.reasonCode(), remote.getMessage()),
                        took);
            }
            return ClusterOutcome.unavailable(
                    alias,
                    indices,
                    skip,
                    new ClusterOutcome.Failure(
                            500,
                            "exception",
                            "internal_error",
                            "request to remote cluster [" + alias + "] failed: " + cause),
                    took);
        }
        if (!response.isSuccess()) {
            CrossClusterErrors.RemoteError error = CrossClusterErrors.parse(response);
            return ClusterOutcome.unavailable(
                    alias,
                    indices,
                    skip,
                    new ClusterOutcome.Failure(
                            response.status(),
                            error.type(),
                            error.reasonCode(),
                            "remote cluster [" + alias + "] rejected the request: " + error.reason() + " (reason code ["
                                    + error.reasonCode() + "])"),
                    took);
        }
        try {
            return ClusterOutcome.success(alias, indices, MAPPER.readTree(response.body()), took);
        } catch (IOException e) {
            return ClusterOutcome.unavailable(
                    alias,
                    indices,
                    skip,
                    new ClusterOutcome.Failure(
                            502,
                            "exception",
                            "invalid_response",
                            "remote cluster [" + alias + "] sent a response that is not JSON"),
                    took);
        }
    }

    private ClusterOutcome runLocal(Authentication user, List<String> expressions, JsonNode body, String action) {
        long start = System.nanoTime();
        LocalSearchEngine local = engine.get()
                .orElseThrow(() -> ApiException.of(
                        503, "unavailable_exception", "the search engine of this node is not available"));
        VerifiedCrossClusterRequest permissions = localPermissions(user);
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
            ObjectNode response = action.equals(CrossClusterActions.COUNT)
                    ? local.count(resolution.indices(), body, access)
                    : local.search(resolution.indices(), body, access);
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

    /**
     * Returns the permissions of the local part, which is authorized like a cross-cluster request: the user's
     * roles, or for an API key its own role descriptors intersected with its owner's roles, decide which indices an
     * expression reaches.
     */
    private static VerifiedCrossClusterRequest localPermissions(Authentication user) {
        List<List<RoleDescriptor>> sets = SubjectInfos.roleSets(user);
        return new VerifiedCrossClusterRequest(
                "local", "local", user.username(), user.realmName(), null, sets.get(0), sets);
    }

    private static JsonNode remoteBody(JsonNode body, boolean count) {
        if (count) {
            return body;
        }
        ObjectNode copy = body.isObject() ? ((ObjectNode) body).deepCopy() : MAPPER.createObjectNode();
        int from = Math.max(0, body.path("from").asInt(0));
        int size = Math.max(0, body.path("size").asInt(DEFAULT_SIZE));
        copy.put("from", 0);
        copy.put("size", from + size);
        return copy;
    }

    private static JsonNode localBody(JsonNode body, boolean count) {
        return remoteBody(body, count);
    }

    private static ApiException toApiException(ClusterOutcome outcome) {
        ClusterOutcome.Failure failure = outcome.failure();
        int status = failure.status() >= 400 && failure.status() < 600 ? failure.status() : 500;
        return ApiException.of(status, failure.type(), failure.reason())
                .withMetadata("cluster", outcome.alias())
                .withMetadata("reason_code", failure.reasonCode());
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
        VerifiedCrossClusterRequest permissions = localPermissions(user);
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
