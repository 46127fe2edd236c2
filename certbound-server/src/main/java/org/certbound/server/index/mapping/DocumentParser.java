package org.certbound.server.index.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;
import org.certbound.server.index.IndexException;
import org.jspecify.annotations.Nullable;

/**
 * Converts a JSON document into the Lucene fields of its mapped values, adding fields to the mapping as its dynamic
 * setting allows.
 *
 * <p>Each value is indexed for its type: {@code keyword} as a term and sorted-set doc values, {@code text} through
 * the analyzer, numbers and dates as points and sorted-numeric doc values (floating point values as sortable longs),
 * {@code boolean} as the term {@code T} or {@code F} and doc values 1 or 0.
 */
public final class DocumentParser {
    private static final Set<String> METADATA_FIELDS =
            Set.of("_id", "_index", "_source", "_version", "_seq_no", "_primary_term", "_routing", "_ignored");

    private final Mappings mappings;
    private final String id;
    private final Map<String, FieldMapping> added = new LinkedHashMap<>();
    private final Document document = new Document();

    private DocumentParser(Mappings mappings, String id) {
        this.mappings = mappings;
        this.id = id;
    }

    /** A document's Lucene fields and the fields that dynamic mapping added for it. */
    public record ParsedDocument(Document document, List<FieldMapping> newFields) {}

    /**
     * Parses a document source.
     *
     * @param mappings the index mapping
     * @param id the document id, named in errors
     * @param source the document, a JSON object
     * @throws IndexException {@code document_parsing_exception} for a value its field type cannot hold, or
     *     {@code strict_dynamic_mapping_exception} for a new field under {@code dynamic: strict}
     */
    public static ParsedDocument parse(Mappings mappings, String id, JsonNode source) {
        if (!source.isObject()) {
            throw new IndexException(
                    400, "document_parsing_exception", "failed to parse, document is empty or not a JSON object");
        }
        DocumentParser parser = new DocumentParser(mappings, id);
        parser.parseObject("", source);
        return new ParsedDocument(parser.document, List.copyOf(parser.added.values()));
    }

    private void parseObject(String objectPath, JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (objectPath.isEmpty() && METADATA_FIELDS.contains(name)) {
                throw new IndexException(
                        400,
                        "document_parsing_exception",
                        "Field [" + name + "] is a metadata field and cannot be added inside a document. Use the"
                                + " index API request parameters.");
            }
            String path = objectPath.isEmpty() ? name : objectPath + "." + name;
            parseValue(objectPath, path, entry.getValue());
        }
    }

    private void parseValue(String objectPath, String path, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                parseValue(objectPath, path, element);
            }
            return;
        }
        FieldMapping mapping = lookup(path);
        if (mapping == null) {
            mapping = addDynamic(objectPath, path, value);
            if (mapping == null) {
                return;
            }
        }
        if (value.isObject()) {
            if (mapping.type() != FieldType.OBJECT) {
                throw parseFailure(
                        mapping,
                        value,
                        "tried to parse field [" + path + "] as object, but found a" + " concrete value");
            }
            parseObject(path, value);
            return;
        }
        if (mapping.type() == FieldType.OBJECT) {
            throw parseFailure(
                    mapping,
                    value,
                    "object mapping for [" + path + "] tried to parse field [" + path
                            + "] as object, but found a concrete value");
        }
        indexLeaf(mapping, value);
        for (FieldMapping multiField : mapping.multiFields()) {
            indexLeaf(multiField, value);
        }
    }

    private @Nullable FieldMapping lookup(String path) {
        FieldMapping mapping = added.get(path);
        return mapping != null ? mapping : mappings.field(path);
    }

    private @Nullable FieldMapping addDynamic(String objectPath, String path, JsonNode value) {
        DynamicMode dynamic = mappings.dynamicFor(objectPath);
        if (dynamic == DynamicMode.FALSE) {
            return null;
        }
        if (dynamic == DynamicMode.STRICT) {
            String within = objectPath.isEmpty() ? "_doc" : objectPath;
            throw new IndexException(
                    400,
                    "strict_dynamic_mapping_exception",
                    "mapping set to strict, dynamic introduction of [" + path.substring(path.lastIndexOf('.') + 1)
                            + "] within [" + within + "] is not allowed");
        }
        FieldMapping mapping = inferMapping(path, value);
        added.put(path, mapping);
        return mapping;
    }

    private FieldMapping inferMapping(String path, JsonNode value) {
        if (value.isObject()) {
            return FieldMapping.of(path, FieldType.OBJECT);
        } else if (value.isBoolean()) {
            return FieldMapping.of(path, FieldType.BOOLEAN);
        } else if (value.isIntegralNumber()) {
            return FieldMapping.of(path, FieldType.LONG);
        } else if (value.isNumber()) {
            return FieldMapping.of(path, FieldType.FLOAT);
        } else if (mappings.dateDetection() && looksLikeDate(value.asText())) {
            return FieldMapping.of(path, FieldType.DATE);
        }
        return FieldMapping.dynamicText(path);
    }

    // Dynamic date detection accepts what strict_date_optional_time parses, and only strings that start like a date,
    // so that a plain four-digit string stays text.
    private static boolean looksLikeDate(String text) {
        if (text.length() < 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return false;
        }
        try {
            DateFormat.DEFAULT.parseMillis(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void indexLeaf(FieldMapping mapping, JsonNode value) {
        String path = mapping.path();
        switch (mapping.type()) {
            case KEYWORD -> indexKeyword(mapping, value.asText());
            case TEXT -> document.add(new TextField(path, value.asText(), Field.Store.NO));
            case LONG, INTEGER -> indexLong(path, parseLong(mapping, value));
            case DOUBLE -> indexDouble(path, parseDouble(mapping, value));
            case FLOAT -> indexDouble(path, (float) parseDouble(mapping, value));
            case DATE -> indexLong(path, parseDate(mapping, value));
            case BOOLEAN -> indexBoolean(mapping, value);
            case OBJECT -> throw new IllegalStateException("object [" + path + "] is not a leaf");
        }
    }

    private void indexKeyword(FieldMapping mapping, String text) {
        if (text.length() > mapping.ignoreAbove()) {
            return;
        }
        document.add(new StringField(mapping.path(), text, Field.Store.NO));
        document.add(new SortedSetDocValuesField(mapping.path(), new BytesRef(text)));
    }

    private void indexLong(String path, long value) {
        document.add(new LongPoint(path, value));
        document.add(new SortedNumericDocValuesField(path, value));
    }

    private void indexDouble(String path, double value) {
        document.add(new DoublePoint(path, value));
        document.add(new SortedNumericDocValuesField(path, NumericUtils.doubleToSortableLong(value)));
    }

    private void indexBoolean(FieldMapping mapping, JsonNode value) {
        boolean flag;
        if (value.isBoolean()) {
            flag = value.booleanValue();
        } else if ("true".equals(value.asText()) || "false".equals(value.asText())) {
            flag = Boolean.parseBoolean(value.asText());
        } else {
            throw parseFailure(
                    mapping,
                    value,
                    "Failed to parse value [" + value.asText() + "] as only [true] or" + " [false] are allowed.");
        }
        document.add(new StringField(mapping.path(), flag ? "T" : "F", Field.Store.NO));
        document.add(new SortedNumericDocValuesField(mapping.path(), flag ? 1 : 0));
    }

    private long parseLong(FieldMapping mapping, JsonNode value) {
        try {
            long parsed = FieldValues.toLong(value);
            if (mapping.type() == FieldType.INTEGER && (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("Value [" + value.asText() + "] is out of range for an integer");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw parseFailure(mapping, value, e.getMessage());
        }
    }

    private double parseDouble(FieldMapping mapping, JsonNode value) {
        try {
            return FieldValues.toDouble(value);
        } catch (IllegalArgumentException e) {
            throw parseFailure(mapping, value, e.getMessage());
        }
    }

    private long parseDate(FieldMapping mapping, JsonNode value) {
        try {
            return mapping.dateFormat().parseMillis(value.asText());
        } catch (IllegalArgumentException e) {
            throw parseFailure(mapping, value, e.getMessage());
        }
    }

    private IndexException parseFailure(FieldMapping mapping, JsonNode value, @Nullable String cause) {
        String preview = value.isValueNode() ? value.asText() : value.toString();
        if (preview.length() > 20) {
            preview = preview.substring(0, 20) + "...";
        }
        IndexException causedBy = new IndexException(400, "illegal_argument_exception", String.valueOf(cause));
        return new IndexException(
                400,
                "document_parsing_exception",
                "failed to parse field [" + mapping.path() + "] of type ["
                        + mapping.type().typeName() + "] in document with id '" + id + "'. Preview of field's value: '"
                        + preview + "'",
                Map.of(),
                causedBy);
    }
}
