package org.certbound.server.apikey;

import static org.certbound.server.rest.RestRequest.Method.DELETE;
import static org.certbound.server.rest.RestRequest.Method.GET;
import static org.certbound.server.rest.RestRequest.Method.POST;
import static org.certbound.server.rest.RestRequest.Method.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import org.certbound.server.rest.RestController;
import org.certbound.server.rest.RestHandler;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;
import org.certbound.server.rest.RouteAccess;
import org.jspecify.annotations.Nullable;

/**
 * The REST routes of API keys, in Elasticsearch's paths. Each handler parses its request strictly, calls one service
 * method and renders the result; the services hold the rules.
 */
final class RestApiKeyActions {
    private static final RouteAccess OWN_KEYS = RouteAccess.cluster("manage_own_api_key");
    private static final RouteAccess SECURITY = RouteAccess.cluster("manage_security");

    private final ApiKeyService service;
    private final ApiKeyFinder finder;
    private final ApiKeyInvalidator invalidator;
    private final ApiKeyCallers callers;
    private final Clock clock;

    RestApiKeyActions(
            ApiKeyService service,
            ApiKeyFinder finder,
            ApiKeyInvalidator invalidator,
            ApiKeyCallers callers,
            Clock clock) {
        this.service = service;
        this.finder = finder;
        this.invalidator = invalidator;
        this.callers = callers;
        this.clock = clock;
    }

    void register(RestController controller) {
        controller.register(POST, "/_security/api_key", OWN_KEYS, strict(this::createRestKey));
        controller.register(PUT, "/_security/api_key", OWN_KEYS, strict(this::createRestKey));
        controller.register(PUT, "/_security/api_key/{id}", OWN_KEYS, strict(this::updateRestKey));
        controller.register(POST, "/_security/cross_cluster/api_key", SECURITY, strict(this::createCrossClusterKey));
        controller.register(
                PUT, "/_security/cross_cluster/api_key/{id}", SECURITY, strict(this::updateCrossClusterKey));
        controller.register(GET, "/_security/api_key", OWN_KEYS, strict(this::get));
        controller.register(GET, "/_security/_query/api_key", OWN_KEYS, strict(this::query));
        controller.register(POST, "/_security/_query/api_key", OWN_KEYS, strict(this::query));
        controller.register(DELETE, "/_security/api_key", OWN_KEYS, strict(this::invalidate));
    }

    private RestResponse createRestKey(RestRequest request) {
        CreateApiKeyRequest parsed = CreateApiKeyRequest.parse(request.contentAsJson());
        try (CreatedApiKey created = service.createRestKey(callers.of(request), parsed)) {
            return RestResponse.ok(ApiKeyViews.created(created));
        }
    }

    private RestResponse createCrossClusterKey(RestRequest request) {
        CreateCrossClusterApiKeyRequest parsed = CreateCrossClusterApiKeyRequest.parse(request.contentAsJson());
        try (CreatedApiKey created = service.createCrossClusterKey(callers.of(request), parsed)) {
            return withWarnings(RestResponse.ok(ApiKeyViews.created(created)), parsed.certificateIdentity());
        }
    }

    private RestResponse updateRestKey(RestRequest request) {
        UpdateApiKeyRequest parsed = UpdateApiKeyRequest.parse(body(request));
        boolean updated = service.updateRestKey(callers.of(request), request.param("id"), parsed);
        return RestResponse.ok(java.util.Map.of("updated", updated));
    }

    private RestResponse updateCrossClusterKey(RestRequest request) {
        UpdateCrossClusterApiKeyRequest parsed = UpdateCrossClusterApiKeyRequest.parse(body(request));
        boolean updated = service.updateCrossClusterKey(callers.of(request), request.param("id"), parsed);
        return withWarnings(RestResponse.ok(java.util.Map.of("updated", updated)), parsed.certificateIdentity());
    }

    private RestResponse get(RestRequest request) {
        GetApiKeyRequest parsed = new GetApiKeyRequest(
                request.param("id"),
                request.param("name"),
                request.param("username"),
                request.param("realm_name"),
                request.paramAsBoolean("owner", false),
                request.paramAsBoolean("active_only", false));
        List<ApiKeyDocument> keys = finder.get(callers.of(request), parsed);
        return RestResponse.ok(ApiKeyViews.keys(keys, request.paramAsBoolean("with_limited_by", false)));
    }

    private RestResponse query(RestRequest request) {
        ApiKeyQueryRequest parsed = ApiKeyQueryRequest.parse(body(request), clock);
        ApiKeyQueryRequest.Page page = finder.query(callers.of(request), parsed);
        return RestResponse.ok(
                ApiKeyViews.page(page, parsed.hasSort(), request.paramAsBoolean("with_limited_by", false)));
    }

    private RestResponse invalidate(RestRequest request) {
        InvalidateApiKeyRequest parsed = InvalidateApiKeyRequest.parse(body(request));
        return RestResponse.ok(ApiKeyViews.invalidated(invalidator.invalidate(callers.of(request), parsed)));
    }

    private static @Nullable JsonNode body(RestRequest request) {
        return request.optionalContentAsJson().orElse(null);
    }

    /** Adds an HTTP {@code Warning} header for each likely mistake in a certificate identity pattern. */
    private static RestResponse withWarnings(RestResponse response, @Nullable String identity) {
        if (identity == null) {
            return response;
        }
        RestResponse result = response;
        for (String warning : CertificateIdentities.warnings(identity)) {
            result = result.withHeader(
                    "Warning",
                    "299 certbound \"certificate_identity: "
                            + warning.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return result;
    }

    /** Renders structural request errors as Elasticsearch's {@code x_content_parse_exception}. */
    private static RestHandler strict(RestHandler handler) {
        return request -> {
            try {
                return handler.handle(request);
            } catch (ApiKeyParseException e) {
                throw ApiKeyErrors.parse(e);
            }
        };
    }
}
