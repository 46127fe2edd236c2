package org.certbound.server.index.fieldcaps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The capabilities of the requested fields in one index. A field the index does not map, or that field level
 * security hides, is absent.
 *
 * @param index the index name; {@code <alias>:<index>} for an index of a remote cluster
 * @param fields the capabilities by field path, sorted by path
 */
public record IndexFieldCapabilities(String index, Map<String, FieldCapability> fields) {

    /** Checks the index name and copies the fields into path order. */
    public IndexFieldCapabilities {
        Objects.requireNonNull(index, "index");
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** Returns these capabilities under the name {@code <alias>:<index>}. */
    public IndexFieldCapabilities qualified(String alias) {
        return new IndexFieldCapabilities(alias + ":" + index, fields);
    }

    /**
     * Renders the cross-cluster form: {@code {"name":"<index>","fields":{"<path>":{"type":..,"searchable":..,
     * "aggregatable":..}}}}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("name", index);
        ObjectNode fieldsJson = json.putObject("fields");
        fields.forEach((path, capability) -> fieldsJson
                .putObject(path)
                .put("type", capability.type())
                .put("searchable", capability.searchable())
                .put("aggregatable", capability.aggregatable()));
        return json;
    }

    /**
     * Parses the cross-cluster form that {@link #toJson} renders.
     *
     * @throws IllegalArgumentException naming the entry when a name, type or flag is missing or of the wrong type
     */
    public static IndexFieldCapabilities fromJson(JsonNode json) {
        JsonNode name = json.path("name");
        if (!name.isTextual() || name.textValue().isEmpty()) {
            throw new IllegalArgumentException("a field capabilities entry has no [name]");
        }
        Map<String, FieldCapability> fields = new TreeMap<>();
        JsonNode fieldsJson = json.path("fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = fieldsJson.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode type = field.getValue().path("type");
            JsonNode searchable = field.getValue().path("searchable");
            JsonNode aggregatable = field.getValue().path("aggregatable");
            if (!type.isTextual() || !searchable.isBoolean() || !aggregatable.isBoolean()) {
                throw new IllegalArgumentException("field [" + field.getKey() + "] of index [" + name.textValue()
                        + "] needs a string [type] and boolean [searchable] and [aggregatable]");
            }
            fields.put(
                    field.getKey(),
                    new FieldCapability(type.textValue(), searchable.booleanValue(), aggregatable.booleanValue()));
        }
        return new IndexFieldCapabilities(name.textValue(), fields);
    }
}
