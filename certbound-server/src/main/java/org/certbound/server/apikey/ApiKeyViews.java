package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Renders API key responses in Elasticsearch's shape, with every field the official Java client requires
 * ({@code id, name, type, creation, invalidated, username, realm, metadata} on each key).
 */
final class ApiKeyViews {
    private ApiKeyViews() {}

    /** Renders a create response; the secret leaves the node only here. */
    static ObjectNode created(CreatedApiKey key) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", key.id());
        json.put("name", key.name());
        if (key.expiration() != null) {
            json.put("expiration", key.expiration().toEpochMilli());
        }
        json.put("api_key", new String(key.unsafeSecret()));
        json.put("encoded", new String(key.unsafeEncoded()));
        return json;
    }

    /** Renders one key as GET and query return it; {@code withLimitedBy} adds the owner's roles of a REST key. */
    static ObjectNode key(ApiKeyDocument key, boolean withLimitedBy) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", key.id());
        json.put("name", key.name());
        json.put("type", key.type().value());
        json.put("creation", key.creation().toEpochMilli());
        if (key.expiration() != null) {
            json.put("expiration", key.expiration().toEpochMilli());
        }
        json.put("invalidated", key.invalidated());
        if (key.invalidation() != null) {
            json.put("invalidation", key.invalidation().toEpochMilli());
        }
        json.put("username", key.owner().principal());
        json.put("realm", key.owner().realm());
        json.put("realm_type", key.owner().realmType());
        json.set("metadata", key.metadata());
        json.set("role_descriptors", key.roleDescriptors());
        if (key.access() != null) {
            json.set("access", key.access());
        }
        if (key.certificateIdentity() != null) {
            json.put("certificate_identity", key.certificateIdentity());
        }
        if (withLimitedBy && key.type() == ApiKeyType.REST) {
            json.putArray("limited_by").add(key.limitedBy());
        }
        return json;
    }

    /** Renders {@code {"api_keys": [...]}}. */
    static ObjectNode keys(List<ApiKeyDocument> keys, boolean withLimitedBy) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode array = json.putArray("api_keys");
        keys.forEach(key -> array.add(key(key, withLimitedBy)));
        return json;
    }

    /** Renders a query page with {@code total}, {@code count}, and {@code _sort} values when a sort was given. */
    static ObjectNode page(ApiKeyQueryRequest.Page page, boolean sorted, boolean withLimitedBy) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("total", page.total());
        json.put("count", page.keys().size());
        ArrayNode array = json.putArray("api_keys");
        for (int i = 0; i < page.keys().size(); i++) {
            ObjectNode entry = key(page.keys().get(i), withLimitedBy);
            if (sorted) {
                ArrayNode sort = entry.putArray("_sort");
                for (Object value : page.sortValues().get(i)) {
                    sort.addPOJO(value);
                }
            }
            array.add(entry);
        }
        return json;
    }

    /** Renders an invalidate response. */
    static ObjectNode invalidated(ApiKeyInvalidator.Result result) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode invalidated = json.putArray("invalidated_api_keys");
        result.invalidated().forEach(invalidated::add);
        ArrayNode previously = json.putArray("previously_invalidated_api_keys");
        result.previouslyInvalidated().forEach(previously::add);
        json.put("error_count", result.errors().size());
        if (!result.errors().isEmpty()) {
            ArrayNode details = json.putArray("error_details");
            for (Map.Entry<String, String> error : result.errors().entrySet()) {
                ObjectNode detail = details.addObject();
                boolean notFound = error.getValue().endsWith("not found");
                detail.put("type", notFound ? "resource_not_found_exception" : "security_exception");
                detail.put("reason", error.getValue());
            }
        }
        return json;
    }
}
