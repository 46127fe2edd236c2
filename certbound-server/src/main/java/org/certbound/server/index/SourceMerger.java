package org.certbound.server.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The merge of a partial document into a source, as the update API's {@code doc} does it. */
final class SourceMerger {
    private SourceMerger() {}

    /** Returns a copy of {@code source} with {@code doc} merged in: objects merge key by key, other values replace. */
    static JsonNode merge(@Nullable JsonNode source, JsonNode doc) {
        if (source == null || !source.isObject() || !doc.isObject()) {
            return doc.deepCopy();
        }
        ObjectNode merged = ((ObjectNode) source).deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = doc.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = merged.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merged.set(field.getKey(), merge(existing, field.getValue()));
            } else {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return merged;
    }
}
