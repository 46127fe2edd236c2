package org.certbound.server.index.mapping;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The mapping of one field.
 *
 * @param path the full dotted path, such as {@code client.ip} or {@code message.keyword} for a multi-field
 * @param type the field type
 * @param format the date format of a {@code date} field, or null for {@link DateFormat#DEFAULT}
 * @param ignoreAbove the longest {@code keyword} value that is indexed, in characters
 * @param multiFields the fields indexed from the same value under {@code <path>.<name>}
 * @param dynamic the {@code dynamic} setting of an {@code object} field, or null to inherit it
 */
public record FieldMapping(
        String path,
        FieldType type,
        @Nullable DateFormat format,
        int ignoreAbove,
        List<FieldMapping> multiFields,
        @Nullable DynamicMode dynamic) {

    /** The {@code ignore_above} of a keyword field that sets none. */
    public static final int NO_IGNORE_ABOVE = Integer.MAX_VALUE;

    /** The {@code ignore_above} that dynamic mapping gives the {@code keyword} multi-field of a string. */
    public static final int DYNAMIC_KEYWORD_IGNORE_ABOVE = 256;

    /** Creates a mapping, copying the multi-fields. */
    public FieldMapping {
        multiFields = List.copyOf(multiFields);
    }

    /** Returns a mapping of the given type with no options. */
    public static FieldMapping of(String path, FieldType type) {
        return new FieldMapping(path, type, null, NO_IGNORE_ABOVE, List.of(), null);
    }

    /** Returns the mapping that dynamic mapping gives a string: {@code text} with a {@code keyword} multi-field. */
    public static FieldMapping dynamicText(String path) {
        FieldMapping keyword = new FieldMapping(
                path + ".keyword", FieldType.KEYWORD, null, DYNAMIC_KEYWORD_IGNORE_ABOVE, List.of(), null);
        return new FieldMapping(path, FieldType.TEXT, null, NO_IGNORE_ABOVE, List.of(keyword), null);
    }

    /** Returns the date format of this field, the default one when the mapping sets none. */
    public DateFormat dateFormat() {
        return format == null ? DateFormat.DEFAULT : format;
    }

    /** Returns the last segment of the path. */
    public String simpleName() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Renders this field's mapping without its object properties, as {@code GET /<index>/_mapping} shows it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (type != FieldType.OBJECT) {
            json.put("type", type.typeName());
        }
        if (format != null) {
            json.put("format", format.spec());
        }
        if (ignoreAbove != NO_IGNORE_ABOVE) {
            json.put("ignore_above", ignoreAbove);
        }
        if (dynamic != null) {
            json.put("dynamic", dynamic.jsonValue());
        }
        if (!multiFields.isEmpty()) {
            ObjectNode fields = json.putObject("fields");
            for (FieldMapping multiField : multiFields) {
                fields.set(multiField.simpleName(), multiField.toJson());
            }
        }
        return json;
    }
}
