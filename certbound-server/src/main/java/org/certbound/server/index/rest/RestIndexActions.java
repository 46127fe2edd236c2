package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.index.IndexExpressions;
import org.certbound.server.index.IndicesService;

/** The handlers of index lifecycle routes: create, delete, get, exists, {@code _cat/indices} and refresh. */
final class RestIndexActions {
    private static final List<String> CAT_COLUMNS =
            List.of("health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size");

    private final IndicesService indices;

    RestIndexActions(IndicesService indices) {
        this.indices = indices;
    }

    RestResponse create(RestRequest request) {
        String index = RestSupport.requiredPath(request, "index");
        return RestResponse.json(200, indices.createIndex(index, RestSupport.body(request)));
    }

    RestResponse delete(RestRequest request) {
        return RestResponse.json(200, indices.deleteIndex(RestSupport.requiredPath(request, "index")));
    }

    RestResponse get(RestRequest request) {
        IndexExpressions.Options options = new IndexExpressions.Options(
                Boolean.parseBoolean(request.parameter("ignore_unavailable")),
                !"false".equals(request.parameter("allow_no_indices")));
        return RestResponse.json(200, indices.getIndex(RestSupport.requiredPath(request, "index"), options));
    }

    RestResponse exists(RestRequest request) {
        return RestResponse.empty(indices.exists(RestSupport.requiredPath(request, "index")) ? 200 : 404);
    }

    RestResponse refresh(RestRequest request) {
        return RestResponse.json(200, indices.refresh(request.pathParameter("index")));
    }

    /**
     * Renders {@code _cat/indices}: JSON rows with {@code format=json}, otherwise aligned text columns with a header
     * line when {@code v} is set. Sizes are in bytes.
     */
    RestResponse cat(RestRequest request) {
        ArrayNode rows = indices.catIndices(request.pathParameter("index"));
        if ("json".equals(request.parameter("format"))) {
            return RestResponse.json(200, rows);
        }
        boolean header = request.parameters().containsKey("v") && !"false".equals(request.parameter("v"));
        return RestResponse.text(200, table(rows, header));
    }

    private static String table(ArrayNode rows, boolean header) {
        List<List<String>> lines = new ArrayList<>();
        if (header) {
            lines.add(CAT_COLUMNS);
        }
        for (JsonNode row : rows) {
            List<String> cells = new ArrayList<>();
            CAT_COLUMNS.forEach(column -> cells.add(row.path(column).asText()));
            lines.add(cells);
        }
        int[] widths = new int[CAT_COLUMNS.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                String cell = line.get(i);
                out.append(cell);
                if (i < widths.length - 1) {
                    out.append(" ".repeat(widths[i] - cell.length() + 1));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
