package org.certbound.server.index.fieldcaps;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.IndexExpressions;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code _field_caps} request.
 *
 * @param fields the field patterns, {@code *} matching any run of characters
 * @param includeUnmapped whether a field missing from some indices reports them under the type {@code unmapped}
 * @param options the {@code ignore_unavailable} and {@code allow_no_indices} parameters
 */
public record FieldCapabilitiesRequest(List<String> fields, boolean includeUnmapped, IndexExpressions.Options options) {

    /** Copies the field patterns. */
    public FieldCapabilitiesRequest {
        fields = List.copyOf(fields);
    }

    /**
     * Parses the URL parameters and the optional body, whose only supported key is {@code fields}. Fields named in
     * the URL and in the body add up.
     *
     * @param params the URL parameters
     * @param body the request body, or null when there is none
     * @throws IndexException 400 when no field is named, a flag is not a boolean, or the body has another key
     */
    public static FieldCapabilitiesRequest parse(Map<String, String> params, @Nullable JsonNode body) {
        List<String> fields = new ArrayList<>(split(params.get("fields")));
        if (body != null && !body.isNull()) {
            fields.addAll(bodyFields(body));
        }
        if (fields.isEmpty()) {
            throw IndexException.validation("no fields specified");
        }
        IndexExpressions.Options options = new IndexExpressions.Options(
                flag(params, "ignore_unavailable", false), flag(params, "allow_no_indices", true));
        return new FieldCapabilitiesRequest(fields, flag(params, "include_unmapped", false), options);
    }

    private static List<String> bodyFields(JsonNode body) {
        if (!body.isObject()) {
            throw IndexException.parsing("the [_field_caps] body must be an object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("fields")) {
                throw IndexException.parsing("[_field_caps] does not support [" + name + "] in the body; the only"
                        + " supported key is [fields]");
            }
        }
        JsonNode value = body.get("fields");
        if (value.isTextual()) {
            return split(value.textValue());
        }
        if (!value.isArray()) {
            throw IndexException.parsing("[fields] must be a string or an array of strings");
        }
        List<String> fields = new ArrayList<>();
        for (JsonNode field : value) {
            if (!field.isTextual()) {
                throw IndexException.parsing("[fields] must be a string or an array of strings");
            }
            fields.addAll(split(field.textValue()));
        }
        return fields;
    }

    private static List<String> split(@Nullable String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    private static boolean flag(Map<String, String> params, String name, boolean defaultValue) {
        String value = params.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value.isEmpty() || value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw IndexException.illegalArgument(
                "Failed to parse value [" + value + "] as only [true] or [false] are allowed for [" + name + "]");
    }
}
