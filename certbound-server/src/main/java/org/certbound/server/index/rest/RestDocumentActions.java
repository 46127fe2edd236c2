package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.certbound.server.index.GetResult;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.WriteResult;
import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.search.SourceFilter;
import org.certbound.server.index.security.IndexAccess;
import org.certbound.server.index.security.IndexAction;
import org.certbound.server.index.security.IndexAuthorization;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;

/** The handlers of document routes: index, create, get, delete and bulk, each checking the caller's privileges. */
final class RestDocumentActions {
    private final IndicesService indices;
    private final SearchService search;

    RestDocumentActions(IndicesService indices, SearchService search) {
        this.indices = indices;
        this.search = search;
    }

    RestResponse index(RestRequest request) {
        return write(request, OpType.parse(request.param("op_type")));
    }

    RestResponse create(RestRequest request) {
        return write(request, OpType.CREATE);
    }

    private RestResponse write(RestRequest request, OpType opType) {
        String index = request.param("index");
        IndexAuthorization authorization = RestSupport.authorization(request);
        authorization.check(IndexAction.INDEX, List.of(index));
        if (!indices.exists(index)) {
            authorization.check(IndexAction.AUTO_CREATE, List.of(index));
        }
        JsonNode source = RestSupport.body(request);
        if (source == null) {
            throw IndexException.parsing("request body is required");
        }
        Refresh refresh = Refresh.parse(request.param("refresh"));
        WriteResult result = indices.index(index, request.param("id"), source, opType, refresh);
        return RestResponse.json(result.status(), result.toJson(refresh == Refresh.TRUE));
    }

    /**
     * Returns a document. Under document-level security a document the caller's queries do not match is reported
     * missing; those queries see refreshed documents only, as searches do.
     */
    RestResponse get(RestRequest request) {
        String index = request.param("index");
        String id = request.param("id");
        IndexAuthorization authorization = RestSupport.authorization(request);
        authorization.check(IndexAction.GET, List.of(index));
        GetResult result = indices.get(index, id);
        IndexAccess access = authorization.forIndex(index);
        if (!result.found() || !access.documentQueries().isEmpty() && !visibleUnderQueries(index, id, authorization)) {
            ObjectNode missing = JsonNodeFactory.instance.objectNode();
            missing.put("_index", index);
            missing.put("_id", id);
            missing.put("found", false);
            return RestResponse.json(404, missing);
        }
        JsonNode source = sourceFilter(request).apply(access.fieldSecurity().filterSource(result.source()));
        return RestResponse.json(200, result.toJson(source));
    }

    private boolean visibleUnderQueries(String index, String id, IndexAuthorization authorization) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("query").putObject("ids").putArray("values").add(id);
        return search.count(index, body, SearchParameters.NONE, authorization)
                        .path("count")
                        .asLong()
                > 0;
    }

    RestResponse delete(RestRequest request) {
        String index = request.param("index");
        RestSupport.authorization(request).check(IndexAction.DELETE, List.of(index));
        Refresh refresh = Refresh.parse(request.param("refresh"));
        WriteResult result = indices.delete(index, request.param("id"), refresh);
        return RestResponse.json(result.status(), result.toJson(refresh == Refresh.TRUE));
    }

    /**
     * Runs {@code _bulk}. The body is NDJSON whatever JSON content type the client names. Each item is authorized
     * on its own: a denied item fails with a 403 in its result while the others run.
     */
    RestResponse bulk(RestRequest request) {
        String content = RestSupport.text(request);
        if (content.isBlank()) {
            throw IndexException.validation("no requests added");
        }
        String defaultIndex = request.param("index");
        IndexAuthorization authorization = RestSupport.authorization(request);
        Refresh refresh = Refresh.parse(request.param("refresh"));
        return RestResponse.json(
                200,
                indices.bulk(
                        defaultIndex, content, refresh, (action, index) -> checkItem(authorization, action, index)));
    }

    private void checkItem(IndexAuthorization authorization, String action, String index) {
        IndexAction required = switch (action) {
            case "delete" -> IndexAction.DELETE;
            case "update" -> IndexAction.UPDATE;
            default -> IndexAction.INDEX;
        };
        boolean allowed = authorization.isAllowed(required, index)
                && (required == IndexAction.DELETE
                        || indices.exists(index)
                        || authorization.isAllowed(IndexAction.AUTO_CREATE, index));
        if (!allowed) {
            throw new IndexException(403, "security_exception", authorization.denial(IndexAction.BULK, List.of(index)));
        }
    }

    private static SourceFilter sourceFilter(RestRequest request) {
        String includes = request.param("_source_includes");
        String excludes = request.param("_source_excludes");
        String source = request.param("_source");
        if (includes != null || excludes != null) {
            return SourceFilter.of(SourceFilter.splitPatterns(includes), SourceFilter.splitPatterns(excludes));
        } else if ("false".equals(source)) {
            return SourceFilter.NONE;
        } else if (source != null && !source.equals("true")) {
            return SourceFilter.of(SourceFilter.splitPatterns(source), List.of());
        }
        return SourceFilter.ALL;
    }
}
