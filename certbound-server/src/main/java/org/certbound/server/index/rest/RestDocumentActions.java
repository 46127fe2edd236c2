package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.certbound.server.index.GetResult;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.OpType;
import org.certbound.server.index.Refresh;
import org.certbound.server.index.WriteResult;
import org.certbound.server.index.search.SourceFilter;

/** The handlers of document routes: index, create, get, delete and bulk. */
final class RestDocumentActions {
    private final IndicesService indices;

    RestDocumentActions(IndicesService indices) {
        this.indices = indices;
    }

    RestResponse index(RestRequest request) {
        return write(request, OpType.parse(request.parameter("op_type")));
    }

    RestResponse create(RestRequest request) {
        return write(request, OpType.CREATE);
    }

    private RestResponse write(RestRequest request, OpType opType) {
        JsonNode source = RestSupport.requiredBody(request);
        Refresh refresh = Refresh.parse(request.parameter("refresh"));
        WriteResult result = indices.index(
                RestSupport.requiredPath(request, "index"), request.pathParameter("id"), source, opType, refresh);
        return RestResponse.json(result.status(), result.toJson(refresh == Refresh.TRUE));
    }

    RestResponse get(RestRequest request) {
        GetResult result =
                indices.get(RestSupport.requiredPath(request, "index"), RestSupport.requiredPath(request, "id"));
        JsonNode source = result.found() ? sourceFilter(request).apply(result.source()) : null;
        return RestResponse.json(result.found() ? 200 : 404, result.toJson(source));
    }

    RestResponse delete(RestRequest request) {
        Refresh refresh = Refresh.parse(request.parameter("refresh"));
        WriteResult result = indices.delete(
                RestSupport.requiredPath(request, "index"), RestSupport.requiredPath(request, "id"), refresh);
        return RestResponse.json(result.status(), result.toJson(refresh == Refresh.TRUE));
    }

    RestResponse bulk(RestRequest request) {
        String content = request.content();
        if (content == null || content.isBlank()) {
            throw IndexException.validation("no requests added");
        }
        Refresh refresh = Refresh.parse(request.parameter("refresh"));
        return RestResponse.json(200, indices.bulk(request.pathParameter("index"), content, refresh));
    }

    private static SourceFilter sourceFilter(RestRequest request) {
        String includes = request.parameter("_source_includes");
        String excludes = request.parameter("_source_excludes");
        String source = request.parameter("_source");
        if (includes != null || excludes != null) {
            return SourceFilter.of(SourceFilter.splitPatterns(includes), SourceFilter.splitPatterns(excludes));
        } else if ("false".equals(source)) {
            return SourceFilter.NONE;
        } else if (source != null && !source.equals("true")) {
            return SourceFilter.of(SourceFilter.splitPatterns(source), java.util.List.of());
        }
        return SourceFilter.ALL;
    }
}
