package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.certbound.server.common.ApiException;
import org.certbound.server.index.IndexException;
import org.certbound.server.remote.HandshakeInfo;
import org.certbound.server.remote.transport.CrossClusterErrors;
import org.certbound.server.remote.transport.CrossClusterRequestDispatcher;
import org.certbound.server.remote.verify.CrossClusterAccessException;
import org.certbound.server.remote.verify.CrossClusterAuthenticator;
import org.certbound.server.remote.verify.IndexAccessControl;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterActions;
import org.certbound.server.remote.wire.CrossClusterRequest;
import org.certbound.server.remote.wire.CrossClusterResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cross-cluster requests on the fulfilling cluster: authenticates each with the {@link
 * CrossClusterAuthenticator}, resolves its index expressions over the indices the verified caller may
 * read, authorizes them, and runs the action on the local engine with each index's document and field
 * restrictions.
 *
 * <p>Request bodies: {@code {"indices":[..],"ignore_unavailable":false,"search":{..}}} for search and
 * count (search also takes {@code "partial_aggregations":true}), {@code
 * {"indices":[..],"ignore_unavailable":false,"fields":[..]}} for field capabilities, {@code {"indices":[..]}} for the
 * resolve actions, {@code {}} for the handshake.
 */
public final class CrossClusterActionDispatcher implements CrossClusterRequestDispatcher {

    private static final Logger logger = LoggerFactory.getLogger(CrossClusterActionDispatcher.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CrossClusterAuthenticator authenticator;
    private final Supplier<Optional<LocalSearchEngine>> engine;
    private final Supplier<HandshakeInfo> handshake;

    /**
     * Creates the dispatcher.
     *
     * @param authenticator verifies every request
     * @param engine the local search engine, looked up per request
     * @param handshake this cluster's handshake response
     */
    public CrossClusterActionDispatcher(
            CrossClusterAuthenticator authenticator,
            Supplier<Optional<LocalSearchEngine>> engine,
            Supplier<HandshakeInfo> handshake) {
        this.authenticator = authenticator;
        this.engine = engine;
        this.handshake = handshake;
    }

    @Override
    public CrossClusterResponse dispatch(CrossClusterRequest request) throws Exception {
        try {
            VerifiedCrossClusterRequest verified = authenticator.authenticate(request);
            return execute(request, verified);
        } catch (CrossClusterAccessException e) {
            logger.debug(
                    "[{}] rejected cross-cluster request [{}] from [{}] with API key [{}]: [{}] {}",
                    request.requestId(),
                    request.action(),
                    request.remoteAddress(),
                    e.apiKeyId(),
                    e.code(),
                    e.operatorReason());
            return CrossClusterErrors.error(e.status(), "security_exception", e.code(), e.peerReason());
        } catch (BadRequestException e) {
            return CrossClusterErrors.error(e.status, e.type, e.reasonCode, e.getMessage());
        } catch (IndexException e) {
            return CrossClusterErrors.error(e.status(), e.type(), "request_failed", e.getMessage());
        } catch (ApiException e) {
            return CrossClusterErrors.error(e.status(), e.type(), "request_failed", e.getMessage());
        } catch (IllegalArgumentException e) {
            return CrossClusterErrors.error(400, "illegal_argument_exception", "request_failed", e.getMessage());
        }
    }

    private CrossClusterResponse execute(CrossClusterRequest request, VerifiedCrossClusterRequest verified)
            throws Exception {
        if (request.action().equals(CrossClusterActions.HANDSHAKE)) {
            return CrossClusterResponse.json(200, handshake.get().toJson().toString());
        }
        if (!CrossClusterRequestBody.supports(request.action())) {
            throw new BadRequestException(
                    400,
                    "illegal_argument_exception",
                    "action_not_supported",
                    "action [" + request.action() + "] is allowlisted but not supported by this node yet");
        }
        CrossClusterRequestBody body = parseBody(request);
        return switch (request.action()) {
            case CrossClusterActions.SEARCH -> search(request, verified, body, false);
            case CrossClusterActions.COUNT -> search(request, verified, body, true);
            case CrossClusterActions.FIELD_CAPS -> fieldCaps(request, verified, body);
            case CrossClusterActions.RESOLVE_CLUSTER -> resolveCluster(request, verified, body.indices());
            default -> resolveIndex(request, verified, body.indices());
        };
    }

    private CrossClusterResponse search(
            CrossClusterRequest request,
            VerifiedCrossClusterRequest verified,
            CrossClusterRequestBody body,
            boolean count)
            throws Exception {
        LocalSearchEngine local = requireEngine();
        AuthorizedIndexResolver.Resolution resolution = resolve(request, verified, local.indexNames(), body.indices());
        if (!resolution.missing().isEmpty() && !body.ignoreUnavailable()) {
            String index = resolution.missing().get(0);
            return indexNotFound(index);
        }
        Map<String, IndexAccessControl> access = authenticator.authorize(request, verified, resolution.indices());
        JsonNode searchBody = body.search();
        ObjectNode response;
        if (count) {
            response = local.count(resolution.indices(), searchBody, access);
        } else if (body.partialAggregations()) {
            response = local.searchWithPartialAggregations(resolution.indices(), searchBody, access);
        } else {
            response = local.search(resolution.indices(), searchBody, access);
        }
        return CrossClusterResponse.json(200, response.toString());
    }

    private CrossClusterResponse fieldCaps(
            CrossClusterRequest request, VerifiedCrossClusterRequest verified, CrossClusterRequestBody body)
            throws Exception {
        LocalSearchEngine local = requireEngine();
        AuthorizedIndexResolver.Resolution resolution = resolve(request, verified, local.indexNames(), body.indices());
        if (!resolution.missing().isEmpty() && !body.ignoreUnavailable()) {
            return indexNotFound(resolution.missing().get(0));
        }
        Map<String, IndexAccessControl> access = authenticator.authorize(request, verified, resolution.indices());
        ObjectNode response = MAPPER.createObjectNode();
        var indices = response.putArray("indices");
        local.fieldCaps(resolution.indices(), body.fields(), access).forEach(index -> indices.add(index.toJson()));
        return CrossClusterResponse.json(200, response.toString());
    }

    private CrossClusterResponse resolveCluster(
            CrossClusterRequest request, VerifiedCrossClusterRequest verified, List<String> expressions)
            throws CrossClusterAccessException {
        // Without an engine this node has no index, so nothing matches; authorization still runs.
        Set<String> names = engine.get().map(LocalSearchEngine::indexNames).orElse(Set.of());
        AuthorizedIndexResolver.Resolution resolution = resolve(request, verified, names, expressions);
        authenticator.authorize(request, verified, resolution.indices());
        ObjectNode response = MAPPER.createObjectNode();
        response.put("matching_indices", !resolution.indices().isEmpty());
        response.put("cluster_name", handshake.get().clusterName());
        response.putObject("version").put("number", handshake.get().version());
        return CrossClusterResponse.json(200, response.toString());
    }

    private CrossClusterResponse resolveIndex(
            CrossClusterRequest request, VerifiedCrossClusterRequest verified, List<String> expressions)
            throws CrossClusterAccessException {
        Set<String> names = engine.get().map(LocalSearchEngine::indexNames).orElse(Set.of());
        AuthorizedIndexResolver.Resolution resolution = resolve(request, verified, names, expressions);
        authenticator.authorize(request, verified, resolution.indices());
        ObjectNode response = MAPPER.createObjectNode();
        var indices = response.putArray("indices");
        resolution
                .indices()
                .forEach(index -> indices.addObject()
                        .put("name", index)
                        .putArray("attributes")
                        .add("open"));
        response.putArray("aliases");
        response.putArray("data_streams");
        return CrossClusterResponse.json(200, response.toString());
    }

    /**
     * Resolves over the authorized indices; a literal index that is not authorized is a 403, whether it exists or
     * not.
     */
    private AuthorizedIndexResolver.Resolution resolve(
            CrossClusterRequest request,
            VerifiedCrossClusterRequest verified,
            Set<String> names,
            List<String> expressions)
            throws CrossClusterAccessException {
        AuthorizedIndexResolver.Resolution resolution = AuthorizedIndexResolver.resolve(
                expressions,
                names,
                index -> verified.indexAccess(request.action(), index).isPresent());
        if (!resolution.unauthorized().isEmpty()) {
            // authorize audits the denial and throws the 403 that names the index and the level that lacks it.
            authenticator.authorize(request, verified, resolution.unauthorized());
        }
        return resolution;
    }

    private LocalSearchEngine requireEngine() {
        return engine.get()
                .orElseThrow(() -> new BadRequestException(
                        503,
                        "unavailable_exception",
                        "engine_unavailable",
                        "the search engine of this node is not available"));
    }

    private static CrossClusterResponse indexNotFound(String index) {
        ObjectNode cause = MAPPER.createObjectNode();
        cause.put("type", "index_not_found_exception");
        cause.put("reason", "no such index [" + index + "]");
        cause.put("reason_code", "index_not_found");
        cause.put("index", index);
        ObjectNode error = cause.deepCopy();
        error.putArray("root_cause").add(cause);
        ObjectNode root = MAPPER.createObjectNode();
        root.set("error", error);
        root.put("status", 404);
        return CrossClusterResponse.json(404, root.toString());
    }

    private static CrossClusterRequestBody parseBody(CrossClusterRequest request) {
        try {
            return CrossClusterRequestBody.parse(request.action(), request.body());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(400, "parse_exception", "malformed_request", e.getMessage());
        }
    }

    /** A request this node cannot run, with the status and reason to send. */
    private static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String type;
        private final String reasonCode;

        BadRequestException(int status, String type, String reasonCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.type = type;
            this.reasonCode = reasonCode;
        }
    }
}
