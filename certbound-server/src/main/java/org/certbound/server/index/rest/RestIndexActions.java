package org.certbound.server.index.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexExpressions;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.security.IndexAction;
import org.certbound.server.index.security.IndexAuthorization;
import org.certbound.server.rest.RestRequest;
import org.certbound.server.rest.RestResponse;

/** The handlers of index lifecycle routes: create, delete, get, exists, {@code _cat/indices} and refresh. */
final class RestIndexActions {
    private static final List<String> CAT_COLUMNS =
            List.of("health", "status", "index", "uuid", "pri", "rep", "docs.count", "docs.deleted", "store.size");

    private final IndicesService indices;

    RestIndexActions(IndicesService indices) {
        this.indices = indices;
    }

    RestResponse create(RestRequest request) {
        String index = request.param("index");
        RestSupport.authorization(request).check(IndexAction.CREATE_INDEX, List.of(index));
        return RestResponse.json(200, indices.createIndex(index, RestSupport.body(request)));
    }

    RestResponse delete(RestRequest request) {
        String expression = request.param("index");
        RestSupport.checkNamed(RestSupport.authorization(request), IndexAction.DELETE_INDEX, expression);
        return RestResponse.json(200, indices.deleteIndex(expression));
    }

    RestResponse get(RestRequest request) {
        IndexExpressions.Options options = RestSupport.options(request, true);
        List<String> names = RestSupport.resolve(
                indices, RestSupport.authorization(request), IndexAction.GET_INDEX, request.param("index"), options);
        if (names.isEmpty()) {
            return RestResponse.json(200, JsonNodeFactory.instance.objectNode());
        }
        return RestResponse.json(200, indices.getIndex(String.join(",", names), options));
    }

    RestResponse exists(RestRequest request) {
        try {
            List<String> names = RestSupport.resolve(
                    indices,
                    RestSupport.authorization(request),
                    IndexAction.GET_INDEX,
                    request.param("index"),
                    IndexExpressions.Options.STRICT);
            return RestResponse.empty(names.isEmpty() ? 404 : 200);
        } catch (IndexException e) {
            return RestResponse.empty(404);
        }
    }

    RestResponse refresh(RestRequest request) {
        List<String> names = RestSupport.resolve(
                indices,
                RestSupport.authorization(request),
                IndexAction.REFRESH,
                request.param("index"),
                RestSupport.options(request, true));
        if (names.isEmpty()) {
            ObjectNode response = JsonNodeFactory.instance.objectNode();
            response.putObject("_shards").put("total", 0).put("successful", 0).put("failed", 0);
            return RestResponse.json(200, response);
        }
        return RestResponse.json(200, indices.refresh(String.join(",", names)));
    }

    /**
     * Renders {@code _cat/indices} over the indices the caller holds any privilege on: JSON rows with
     * {@code format=json}, otherwise aligned text columns with a header line when {@code v} is set. Sizes are in
     * bytes.
     */
    RestResponse cat(RestRequest request) {
        IndexAuthorization authorization = RestSupport.authorization(request);
        List<String> names = indices
                .resolve(
                        request.param("index"), IndexExpressions.Options.SEARCH, index -> visible(authorization, index))
                .stream()
                .map(shard -> shard.name())
                .toList();
        ArrayNode rows =
                names.isEmpty() ? JsonNodeFactory.instance.arrayNode() : indices.catIndices(String.join(",", names));
        if ("json".equals(request.param("format"))) {
            return RestResponse.json(200, rows);
        }
        return RestResponse.text(200, table(rows, request.paramAsBoolean("v", false)));
    }

    private static boolean visible(IndexAuthorization authorization, String index) {
        for (IndexAction action : IndexAction.values()) {
            if (authorization.isAllowed(action, index)) {
                return true;
            }
        }
        return false;
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
