package org.certbound.server.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Executes the items of one bulk request and renders Elasticsearch's bulk response. */
final class BulkAction {
    private final IndicesService indices;
    private final IndicesService.BulkItemCheck check;

    BulkAction(IndicesService indices, IndicesService.BulkItemCheck check) {
        this.indices = indices;
        this.check = check;
    }

    ObjectNode execute(List<BulkRequestParser.Item> items, Refresh refresh) {
        long start = System.nanoTime();
        Set<IndexShard> touched = new LinkedHashSet<>();
        ArrayNode results = JsonNodeFactory.instance.arrayNode();
        boolean errors = false;
        for (BulkRequestParser.Item item : items) {
            ObjectNode result;
            try {
                result = executeItem(item, touched);
            } catch (IndexException e) {
                errors = true;
                result = failure(item, e);
            }
            results.addObject().set(item.action(), result);
        }
        touched.forEach(IndexShard::syncTranslog);
        if (refresh != Refresh.FALSE) {
            touched.forEach(IndexShard::refresh);
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("errors", errors);
        response.put("took", (System.nanoTime() - start) / 1_000_000);
        response.set("items", results);
        return response;
    }

    private ObjectNode executeItem(BulkRequestParser.Item item, Set<IndexShard> touched) {
        check.check(item.action(), item.index());
        IndexShard shard = "delete".equals(item.action()) || "update".equals(item.action()) && !upserts(item)
                ? indices.shard(item.index())
                : indices.shardForWrite(item.index());
        touched.add(shard);
        WriteResult result = switch (item.action()) {
            case "delete" -> shard.delete(IndicesService.checkId(item.id()));
            case "update" ->
                shard.update(
                        IndicesService.checkId(item.id()),
                        item.source(),
                        item.docAsUpsert(),
                        item.upsert(),
                        IndicesService.listener(shard));
            default ->
                shard.index(
                        item.id() == null ? Ids.documentId() : IndicesService.checkId(item.id()),
                        item.source(),
                        "create".equals(item.action()),
                        IndicesService.listener(shard));
        };
        ObjectNode json = result.toJson(false);
        json.put("status", result.status());
        return json;
    }

    private static boolean upserts(BulkRequestParser.Item item) {
        return item.docAsUpsert() || item.upsert() != null;
    }

    private static ObjectNode failure(BulkRequestParser.Item item, IndexException e) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_index", item.index());
        json.put("_id", item.id());
        json.put("status", e.status());
        ObjectNode error = e.toErrorObject();
        if (!error.has("index")) {
            error.put("index", item.index());
        }
        json.set("error", error);
        return json;
    }
}
