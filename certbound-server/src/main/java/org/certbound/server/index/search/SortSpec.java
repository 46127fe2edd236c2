package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.index.IndexException;
import org.jspecify.annotations.Nullable;

/**
 * One sort key of a search: a field, {@code _score} or {@code _doc}, its order, where documents without a value go,
 * and the type to assume when the field is unmapped.
 *
 * @param field the field path, {@code _score} or {@code _doc}
 * @param descending whether the order is descending; {@code _score} defaults to descending, the others to ascending
 * @param missingFirst whether documents without a value sort first; by default they sort last in either order
 * @param unmappedType the type to sort an unmapped field as, or null to reject an unmapped field
 */
public record SortSpec(
        String field,
        boolean descending,
        boolean missingFirst,
        @Nullable String unmappedType) {
    /** The field name of the relevance score. */
    public static final String SCORE = "_score";

    /** The field name of the index order. */
    public static final String DOC = "_doc";

    private static final Set<String> OPTION_KEYS = Set.of("order", "missing", "unmapped_type", "mode", "format");

    /** Returns whether this key is the relevance score. */
    public boolean isScore() {
        return field.equals(SCORE);
    }

    /**
     * Parses the {@code sort} value of a search body: a field name, an object such as {@code {"f":"desc"}} or
     * {@code {"f":{"order":"desc","missing":"_first"}}}, or an array of these.
     *
     * @throws IndexException {@code parsing_exception} for a malformed key
     */
    public static List<SortSpec> parse(@Nullable JsonNode json) {
        List<SortSpec> out = new ArrayList<>();
        if (json == null || json.isNull()) {
            return out;
        }
        if (json.isArray()) {
            json.forEach(element -> out.add(parseOne(element)));
        } else {
            out.add(parseOne(json));
        }
        return out;
    }

    /** Parses the {@code sort} URL parameter: {@code field:asc,other:desc,_score}. */
    public static List<SortSpec> parseParameter(@Nullable String value) {
        List<SortSpec> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            int colon = part.lastIndexOf(':');
            String field = colon < 0 ? part.trim() : part.substring(0, colon).trim();
            String order = colon < 0 ? null : part.substring(colon + 1).trim();
            out.add(new SortSpec(field, descending(field, order), false, null));
        }
        return out;
    }

    private static SortSpec parseOne(JsonNode json) {
        if (json.isTextual()) {
            return new SortSpec(json.asText(), descending(json.asText(), null), false, null);
        }
        if (!json.isObject() || json.size() != 1) {
            throw IndexException.parsing(
                    "[sort] malformed, expected a field name or an object with one field, found [" + json + "]");
        }
        Map.Entry<String, JsonNode> entry = json.fields().next();
        String field = entry.getKey();
        JsonNode options = entry.getValue();
        if (options.isTextual()) {
            return new SortSpec(field, descending(field, options.asText()), false, null);
        }
        if (!options.isObject()) {
            throw IndexException.parsing("[sort] malformed options for [" + field + "]");
        }
        return parseOptions(field, options);
    }

    private static SortSpec parseOptions(String field, JsonNode options) {
        for (Iterator<String> keys = options.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!OPTION_KEYS.contains(key)) {
                throw IndexException.parsing("[sort] unknown option [" + key + "] for field [" + field + "]");
            }
        }

        String missing = options.path("missing").asText("_last");
        if (!missing.equals("_last") && !missing.equals("_first")) {
            throw IndexException.parsing("[sort] option [missing] of [" + field + "] must be [_first] or [_last];"
                    + " custom missing values are not supported");
        }

        String unmappedType = options.hasNonNull("unmapped_type")
                ? options.get("unmapped_type").asText()
                : null;
        String order = options.hasNonNull("order") ? options.get("order").asText() : null;
        return new SortSpec(field, descending(field, order), missing.equals("_first"), unmappedType);
    }

    private static boolean descending(String field, @Nullable String order) {
        if (order == null) {
            return field.equals(SCORE);
        }
        return switch (order) {
            case "asc" -> false;
            case "desc" -> true;
            default ->
                throw IndexException.parsing(
                        "[sort] unknown order [" + order + "] for [" + field + "]; expected [asc] or [desc]");
        };
    }
}
