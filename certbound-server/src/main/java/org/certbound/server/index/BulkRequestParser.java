package org.certbound.server.index;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses a {@code _bulk} body: newline-delimited JSON where each action line ({@code index}, {@code create},
 * {@code update} or {@code delete}) is followed by a source line, except for {@code delete}. A malformed body fails
 * as a whole with 400, as in Elasticsearch; failures of single items are reported per item later.
 */
final class BulkRequestParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("index", "create", "update", "delete");
    // Routing and retry_on_conflict change nothing on one shard with serialized writes, so they are accepted.
    private static final Set<String> ACTION_KEYS =
            Set.of("_index", "_id", "routing", "op_type", "require_alias", "retry_on_conflict", "_source");
    private static final Set<String> UNSUPPORTED_ACTION_KEYS =
            Set.of("if_seq_no", "if_primary_term", "version", "version_type", "pipeline", "dynamic_templates");
    private static final Set<String> UPDATE_KEYS = Set.of("doc", "doc_as_upsert", "upsert", "detect_noop", "_source");

    private BulkRequestParser() {}

    /** One parsed bulk item. */
    record Item(
            String action,
            String index,
            @Nullable String id,
            @Nullable JsonNode source,
            boolean docAsUpsert,
            @Nullable JsonNode upsert) {}

    static List<Item> parse(String body, @Nullable String defaultIndex) {
        String[] lines = body.split("\n", -1);
        List<Item> items = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].trim();
            int lineNumber = ++i;
            if (line.isEmpty()) {
                continue;
            }
            JsonNode action = readLine(line, lineNumber);
            if (!action.isObject() || action.size() != 1) {
                throw IndexException.illegalArgument("Malformed action/metadata line [" + lineNumber
                        + "], expected START_OBJECT with one action but found [" + line + "]");
            }
            String name = action.fieldNames().next();
            if (!ACTIONS.contains(name)) {
                throw IndexException.illegalArgument("Malformed action/metadata line [" + lineNumber
                        + "], expected field [create], [delete], [index] or [update] but found [" + name + "]");
            }
            JsonNode metadata = action.get(name);
            checkActionKeys(metadata, lineNumber);
            String index =
                    metadata.hasNonNull("_index") ? metadata.get("_index").asText() : defaultIndex;
            String id = metadata.hasNonNull("_id") ? metadata.get("_id").asText() : null;
            if (index == null) {
                throw IndexException.validation("index is missing");
            }
            if ("delete".equals(name)) {
                items.add(new Item(name, index, requireId(id, name), null, false, null));
                continue;
            }
            if (i >= lines.length || lines[i].isBlank()) {
                throw IndexException.illegalArgument("The bulk request must be terminated by a newline [\\n]; line ["
                        + lineNumber + "] has no source line after it");
            }
            JsonNode source = readLine(lines[i].trim(), ++i);
            items.add(
                    "update".equals(name)
                            ? updateItem(index, requireId(id, name), source, i)
                            : new Item(name, index, id, source, false, null));
        }
        if (items.isEmpty()) {
            throw IndexException.validation("no requests added");
        }
        return items;
    }

    private static Item updateItem(String index, String id, JsonNode body, int lineNumber) {
        if (!body.isObject()) {
            throw IndexException.illegalArgument(
                    "Malformed update source on line [" + lineNumber + "]: expected an object with [doc]");
        }
        Iterator<String> keys = body.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (key.equals("script")) {
                throw IndexException.illegalArgument("[update] scripts are not supported on line [" + lineNumber
                        + "]; send the changed fields as [doc]");
            }
            if (!UPDATE_KEYS.contains(key)) {
                throw IndexException.illegalArgument(
                        "[update] unknown field [" + key + "] on line [" + lineNumber + "]");
            }
        }
        JsonNode doc = body.get("doc");
        if (doc == null || !doc.isObject()) {
            throw IndexException.validation("script or doc is missing");
        }
        boolean docAsUpsert = body.path("doc_as_upsert").asBoolean(false);
        return new Item("update", index, id, doc, docAsUpsert, body.get("upsert"));
    }

    private static void checkActionKeys(JsonNode metadata, int lineNumber) {
        if (!metadata.isObject()) {
            throw IndexException.illegalArgument(
                    "Malformed action/metadata line [" + lineNumber + "], expected START_OBJECT");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (UNSUPPORTED_ACTION_KEYS.contains(key)) {
                throw IndexException.illegalArgument("Action/metadata line [" + lineNumber + "] sets [" + key
                        + "], which certbound does not support; remove it from the action");
            }
            if (!ACTION_KEYS.contains(key)) {
                throw IndexException.illegalArgument(
                        "Action/metadata line [" + lineNumber + "] contains an unknown parameter [" + key + "]");
            }
        }
    }

    private static String requireId(@Nullable String id, String action) {
        if (id == null) {
            throw IndexException.validation("id is missing for [" + action + "]");
        }
        return id;
    }

    private static JsonNode readLine(String line, int lineNumber) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IndexException(
                    400,
                    "x_content_parse_exception",
                    position(e, lineNumber) + " failed to parse bulk line [" + lineNumber + "]: "
                            + e.getOriginalMessage(),
                    Map.of(),
                    null);
        }
    }

    /**
     * Returns the {@code [line:column]} prefix of an error message. Jackson reports no location for some errors, such
     * as the nesting depth limit, and then the prefix names the line only.
     */
    private static String position(JsonProcessingException e, int lineNumber) {
        JsonLocation location = e.getLocation();
        return location == null ? "[" + lineNumber + "]" : "[" + lineNumber + ":" + location.getColumnNr() + "]";
    }
}
