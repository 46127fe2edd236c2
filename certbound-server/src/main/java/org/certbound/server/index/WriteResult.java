package org.certbound.server.index;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The outcome of one document write, rendered in Elasticsearch's shape.
 *
 * @param index the index name
 * @param id the document id
 * @param version the document version after the write
 * @param seqNo the sequence number of the operation
 * @param primaryTerm the primary term, always 1 on a single node
 * @param result what the write did
 * @param shardsTotal the shard copies the write was meant for: 1 plus the number of replicas
 */
public record WriteResult(
        String index, String id, long version, long seqNo, long primaryTerm, Result result, int shardsTotal) {

    /** The outcome of a write, as Elasticsearch's {@code result} key. */
    public enum Result {
        CREATED,
        UPDATED,
        DELETED,
        NOT_FOUND,
        NOOP;

        /** Returns the value as written in responses, such as {@code created}. */
        public String jsonValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Returns the HTTP status of the write: 201 created, 404 not found, 200 otherwise. */
    public int status() {
        return switch (result) {
            case CREATED -> 201;
            case NOT_FOUND -> 404;
            default -> 200;
        };
    }

    /** Renders the response of a single-document write. */
    public ObjectNode toJson(boolean forcedRefresh) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_index", index);
        json.put("_id", id);
        json.put("_version", version);
        json.put("result", result.jsonValue());
        if (forcedRefresh) {
            json.put("forced_refresh", true);
        }
        ObjectNode shards = json.putObject("_shards");
        // A no-op touches no shard copy, and this node holds only the primary.
        shards.put("total", result == Result.NOOP ? 0 : shardsTotal);
        shards.put("successful", result == Result.NOOP ? 0 : 1);
        shards.put("failed", 0);
        json.put("_seq_no", seqNo);
        json.put("_primary_term", primaryTerm);
        return json;
    }
}
