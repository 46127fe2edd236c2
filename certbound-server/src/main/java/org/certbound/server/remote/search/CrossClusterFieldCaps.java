package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesRequest;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesResponse;
import org.certbound.server.index.fieldcaps.IndexFieldCapabilities;
import org.certbound.server.remote.verify.IndexAccessControl;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.security.Authentication;

/**
 * Runs {@code _field_caps} over this cluster and remote clusters. Each remote returns the capabilities of each of its
 * indices, which are renamed {@code <alias>:<index>} and merged with the local ones into one response.
 *
 * <p>A remote cluster that fails is left out and listed under {@code failures} when its alias has {@code
 * skip_unavailable: true}; otherwise the whole request fails, as for search.
 */
final class CrossClusterFieldCaps {

    private final Supplier<Optional<LocalSearchEngine>> engine;
    private final RemoteActionSender sender;

    CrossClusterFieldCaps(Supplier<Optional<LocalSearchEngine>> engine, RemoteActionSender sender) {
        this.engine = engine;
        this.sender = sender;
    }

    ObjectNode run(
            Authentication user,
            String expression,
            ClusterExpressions.Groups groups,
            FieldCapabilitiesRequest request,
            String requestId) {
        Map<String, CompletableFuture<ClusterOutcome>> pending = new LinkedHashMap<>();
        groups.remote().forEach((alias, indices) -> {
            ObjectNode wire = RemoteActionSender.wire(indices, request.options().ignoreUnavailable());
            var fields = wire.putArray("fields");
            request.fields().forEach(fields::add);
            pending.put(alias, sender.send(user, alias, indices, wire, CrossClusterActions.FIELD_CAPS, requestId));
        });

        List<IndexFieldCapabilities> indices = new ArrayList<>();
        if (!groups.local().isEmpty()) {
            indices.addAll(runLocal(user, groups.local(), request));
        }
        List<FieldCapabilitiesResponse.Failure> failures = new ArrayList<>();
        for (Map.Entry<String, CompletableFuture<ClusterOutcome>> entry : pending.entrySet()) {
            ClusterOutcome outcome = remoteIndices(entry.getValue().join(), indices);
            if (outcome.status() == ClusterOutcome.Status.FAILED) {
                throw RemoteActionSender.toApiException(outcome);
            }
            if (outcome.status() == ClusterOutcome.Status.SKIPPED) {
                failures.add(failure(outcome, groups.remote().get(entry.getKey())));
            }
        }
        if (indices.isEmpty() && failures.isEmpty() && !request.options().allowNoIndices()) {
            throw ApiException.notFound("index_not_found_exception", "no such index [" + expression + "]")
                    .withMetadata("index", expression);
        }
        return FieldCapabilitiesResponse.render(indices, request.includeUnmapped(), failures);
    }

    /**
     * Adds the indices of a successful remote outcome; a response that cannot be read turns the outcome into a
     * skipped or failed one.
     */
    private ClusterOutcome remoteIndices(ClusterOutcome outcome, List<IndexFieldCapabilities> into) {
        if (outcome.status() != ClusterOutcome.Status.SUCCESSFUL) {
            return outcome;
        }
        List<IndexFieldCapabilities> parsed = new ArrayList<>();
        try {
            for (JsonNode index : outcome.response().path("indices")) {
                parsed.add(IndexFieldCapabilities.fromJson(index).qualified(outcome.alias()));
            }
        } catch (IllegalArgumentException e) {
            return ClusterOutcome.unavailable(
                    outcome.alias(),
                    outcome.indices(),
                    sender.skipUnavailable(outcome.alias()),
                    new ClusterOutcome.Failure(
                            502,
                            "exception",
                            "invalid_response",
                            "remote cluster [" + outcome.alias() + "] sent invalid field capabilities: "
                                    + e.getMessage()),
                    outcome.tookMillis());
        }
        into.addAll(parsed);
        return outcome;
    }

    private static FieldCapabilitiesResponse.Failure failure(ClusterOutcome outcome, List<String> expressions) {
        List<String> qualified = new ArrayList<>();
        for (String expression : expressions) {
            for (String part : expression.split(",")) {
                qualified.add(outcome.alias() + ":" + part.trim());
            }
        }
        return new FieldCapabilitiesResponse.Failure(
                qualified, outcome.failure().type(), outcome.failure().reason());
    }

    private List<IndexFieldCapabilities> runLocal(
            Authentication user, List<String> expressions, FieldCapabilitiesRequest request) {
        LocalSearchEngine local = engine.get()
                .orElseThrow(() -> ApiException.of(
                        503, "unavailable_exception", "the search engine of this node is not available"));
        VerifiedCrossClusterRequest permissions = SubjectInfos.localPermissions(user);
        String action = CrossClusterActions.FIELD_CAPS;
        AuthorizedIndexResolver.Resolution resolution = AuthorizedIndexResolver.resolve(
                expressions,
                local.indexNames(),
                index -> permissions.indexAccess(action, index).isPresent());
        if (!resolution.unauthorized().isEmpty()) {
            throw ApiException.forbidden("action [" + action + "] is unauthorized for user [" + user.username()
                    + "] on indices [" + String.join(",", resolution.unauthorized()) + "]");
        }
        if (!resolution.missing().isEmpty() && !request.options().ignoreUnavailable()) {
            String index = resolution.missing().get(0);
            throw ApiException.notFound("index_not_found_exception", "no such index [" + index + "]")
                    .withMetadata("index", index);
        }
        Map<String, IndexAccessControl> access = new LinkedHashMap<>();
        for (String index : resolution.indices()) {
            permissions.indexAccess(action, index).ifPresent(control -> access.put(index, control));
        }
        try {
            return local.fieldCaps(resolution.indices(), request.fields(), access);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.of(500, "exception", "the local part of the field capabilities request failed")
                    .withCause(e);
        }
    }
}
