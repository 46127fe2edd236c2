package org.certbound.server.index.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.index.IndexException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the {@code mappings} object of a create-index request. Unknown parameters and unsupported field types are
 * rejected with {@code mapper_parsing_exception}, naming the field.
 */
public final class MappingParser {
    private static final Set<String> ROOT_KEYS = Set.of("dynamic", "properties", "date_detection", "_meta");
    private static final Set<String> FIELD_KEYS =
            Set.of("type", "format", "ignore_above", "fields", "properties", "dynamic", "index", "doc_values");

    private MappingParser() {}

    /**
     * Parses a mappings object such as {@code {"dynamic":"strict","properties":{"status":{"type":"long"}}}}.
     *
     * @throws IndexException {@code mapper_parsing_exception} for an unknown parameter or field type
     */
    public static Mappings parse(@Nullable JsonNode json) {
        if (json == null || json.isNull() || json.isEmpty()) {
            return Mappings.empty();
        }
        requireObject(json, "mappings");
        List<String> unknown = new ArrayList<>();
        json.fieldNames().forEachRemaining(key -> {
            if (!ROOT_KEYS.contains(key)) {
                unknown.add(key + " : " + json.get(key));
            }
        });
        if (!unknown.isEmpty()) {
            throw mapperParsing("Root mapping definition has unsupported parameters:  " + unknown);
        }
        DynamicMode dynamic =
                json.has("dynamic") ? DynamicMode.parse(json.get("dynamic").asText()) : null;
        boolean dateDetection =
                !json.has("date_detection") || json.get("date_detection").asBoolean();
        Map<String, FieldMapping> fields = new LinkedHashMap<>();
        if (json.has("properties")) {
            parseProperties("", json.get("properties"), fields);
        }
        return new Mappings(dynamic, dateDetection, fields);
    }

    private static void parseProperties(String prefix, JsonNode properties, Map<String, FieldMapping> out) {
        requireObject(properties, prefix.isEmpty() ? "properties" : prefix + ".properties");
        Iterator<Map.Entry<String, JsonNode>> entries = properties.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            addParentObjects(path, out);
            parseField(path, entry.getValue(), out);
        }
    }

    // A field named "a.b" in a mapping means field "b" inside object "a", as in Elasticsearch.
    private static void addParentObjects(String path, Map<String, FieldMapping> out) {
        int dot = path.indexOf('.');
        while (dot > 0) {
            out.putIfAbsent(path.substring(0, dot), FieldMapping.of(path.substring(0, dot), FieldType.OBJECT));
            dot = path.indexOf('.', dot + 1);
        }
    }

    private static void parseField(String path, JsonNode definition, Map<String, FieldMapping> out) {
        requireObject(definition, path);
        definition.fieldNames().forEachRemaining(key -> {
            if (!FIELD_KEYS.contains(key)) {
                throw mapperParsing("unknown parameter [" + key + "] on mapper [" + path + "]");
            }
        });
        FieldType type = fieldType(path, definition);
        DynamicMode dynamic = definition.has("dynamic")
                ? DynamicMode.parse(definition.get("dynamic").asText())
                : null;
        if (type == FieldType.OBJECT) {
            out.put(path, new FieldMapping(path, type, null, FieldMapping.NO_IGNORE_ABOVE, List.of(), dynamic));
            if (definition.has("properties")) {
                parseProperties(path, definition.get("properties"), out);
            }
            return;
        }
        out.put(path, leafField(path, type, definition));
    }

    private static FieldMapping leafField(String path, FieldType type, JsonNode definition) {
        DateFormat format = null;
        if (definition.has("format")) {
            if (type != FieldType.DATE) {
                throw mapperParsing(
                        "unknown parameter [format] on mapper [" + path + "] of type [" + type.typeName() + "]");
            }
            format = dateFormat(path, definition.get("format").asText());
        }
        int ignoreAbove = FieldMapping.NO_IGNORE_ABOVE;
        if (definition.has("ignore_above")) {
            if (type != FieldType.KEYWORD || !definition.get("ignore_above").canConvertToInt()) {
                throw mapperParsing("[ignore_above] on mapper [" + path + "] requires a keyword field and a number");
            }
            ignoreAbove = definition.get("ignore_above").asInt();
        }
        List<FieldMapping> multiFields = new ArrayList<>();
        if (definition.has("fields")) {
            Iterator<Map.Entry<String, JsonNode>> entries =
                    definition.get("fields").fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String subPath = path + "." + entry.getKey();
                FieldType subType = fieldType(subPath, entry.getValue());
                if (subType == FieldType.OBJECT) {
                    throw mapperParsing("Type [object] cannot be used in multi field [" + subPath + "]");
                }
                multiFields.add(leafField(subPath, subType, entry.getValue()));
            }
        }
        return new FieldMapping(path, type, format, ignoreAbove, multiFields, null);
    }

    private static FieldType fieldType(String path, JsonNode definition) {
        if (!definition.has("type")) {
            return FieldType.OBJECT;
        }
        String name = definition.get("type").asText();
        return FieldType.fromTypeName(name)
                .orElseThrow(() -> mapperParsing("No handler for type [" + name + "] declared on field [" + path
                        + "]; supported types are keyword, text, long, integer, double, float, date, boolean and"
                        + " object"));
    }

    private static DateFormat dateFormat(String path, String spec) {
        try {
            return DateFormat.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new IndexException(
                    400,
                    "mapper_parsing_exception",
                    "Invalid format [" + spec + "] for field [" + path + "]: " + e.getMessage(),
                    Map.of(),
                    e);
        }
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw mapperParsing("Expected an object for [" + where + "] but found [" + node.getNodeType() + "]");
        }
    }

    static IndexException mapperParsing(String reason) {
        return new IndexException(400, "mapper_parsing_exception", reason);
    }
}
