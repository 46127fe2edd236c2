package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a realtime get.
 *
 * @param index the index name
 * @param id the document id
 * @param found whether the document exists
 * @param version the version, or -1 when not found
 * @param seqNo the sequence number of the last write, or -1 when not found
 * @param source the document source, or null when not found
 */
public record GetResult(
        String index,
        String id,
        boolean found,
        long version,
        long seqNo,
        @Nullable JsonNode source) {

    /** Returns a result for a missing document. */
    public static GetResult notFound(String index, String id) {
        return new GetResult(index, id, false, -1, -1, null);
    }

    /** Renders the response of {@code GET /<index>/_doc/<id>}; {@code source} may be filtered or null to omit it. */
    public ObjectNode toJson(@Nullable JsonNode renderedSource) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("_index", index);
        json.put("_id", id);
        if (!found) {
            json.put("found", false);
            return json;
        }
        json.put("_version", version);
        json.put("_seq_no", seqNo);
        json.put("_primary_term", 1);
        json.put("found", true);
        if (renderedSource != null) {
            json.set("_source", renderedSource);
        }
        return json;
    }
}
