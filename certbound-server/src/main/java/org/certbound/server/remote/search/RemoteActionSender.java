package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.certbound.server.common.ApiException;
import org.certbound.server.remote.RemoteClusterException;
import org.certbound.server.remote.RemoteClusterService;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;

/** Sends the index actions of cross-cluster requests to remote clusters and turns each response or failure into a {@link ClusterOutcome}. */
final class RemoteActionSender {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RemoteClusterService remotes;

    RemoteActionSender(RemoteClusterService remotes) {
        this.remotes = remotes;
    }

    /** Returns the {@code skip_unavailable} setting of an alias. */
    boolean skipUnavailable(String alias) {
        return remotes.skipUnavailable(alias);
    }

    /** Returns a request body with the index expressions and {@code ignore_unavailable}. */
    static ObjectNode wire(List<String> indices, boolean ignoreUnavailable) {
        ObjectNode wire = MAPPER.createObjectNode();
        var list = wire.putArray("indices");
        indices.forEach(list::add);
        wire.put("ignore_unavailable", ignoreUnavailable);
        return wire;
    }

    /**
     * Sends a request to a remote cluster and turns its response or failure into an outcome. A missing {@code remote_indices}
     * privilege, a transport failure, a rejection or a response that is not JSON becomes a skipped outcome when the
     * alias has {@code skip_unavailable: true}, else a failed one.
     *
     * @param user the querying user, whose subject info the request carries
     * @param alias the remote cluster alias
     * @param indices the index expressions sent, for {@code _clusters.details}
     * @param wire the request body
     * @param action the cross-cluster action
     * @param requestId the request id
     * @return the outcome, never completed exceptionally
     */
    CompletableFuture<ClusterOutcome> send(
            Authentication user, String alias, List<String> indices, ObjectNode wire, String action, String requestId) {
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
        return remotes.send(alias, action, subject.get(), wire.toString().getBytes(StandardCharsets.UTF_8), requestId)
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

    /** Returns the error of a failed outcome, with its cluster and reason code as metadata. */
    static ApiException toApiException(ClusterOutcome outcome) {
        ClusterOutcome.Failure failure = outcome.failure();
        int status = failure.status() >= 400 && failure.status() < 600 ? failure.status() : 500;
        return ApiException.of(status, failure.type(), failure.reason())
                .withMetadata("cluster", outcome.alias())
                .withMetadata("reason_code", failure.reasonCode());
    }
}
