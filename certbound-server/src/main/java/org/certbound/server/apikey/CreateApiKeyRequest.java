package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /_security/api_key}.
 *
 * @param name the key name
 * @param roleDescriptors the key's role descriptors by name; empty means the owner's permissions
 * @param roleDescriptorsGiven whether the request named {@code role_descriptors} at all
 * @param expiration the lifetime from now, or null for never
 * @param metadata user metadata
 */
record CreateApiKeyRequest(
        String name,
        ObjectNode roleDescriptors,
        boolean roleDescriptorsGiven,
        @Nullable Duration expiration,
        ObjectNode metadata) {
    private static final String WHERE = "api_key_request";
    private static final Set<String> FIELDS = Set.of("name", "role_descriptors", "expiration", "metadata");

    static CreateApiKeyRequest parse(@Nullable JsonNode body) {
        rejectCrossClusterFields(body);
        ObjectNode object = JsonFields.object(body, WHERE, FIELDS);
        String name = ApiKeyFieldRules.name(JsonFields.optionalString(object, WHERE, "name"));
        JsonNode roles = object.get("role_descriptors");
        ObjectNode roleDescriptors = roles == null || roles.isNull()
                ? JsonNodeFactory.instance.objectNode()
                : RestRoleDescriptors.validate(roles);
        return new CreateApiKeyRequest(
                name, roleDescriptors, roles != null && !roles.isNull(), expiration(object), metadata(object));
    }

    static void rejectCrossClusterFields(@Nullable JsonNode body) {
        if (body != null && body.isObject()) {
            for (String field : Set.of("certificate_identity", "access")) {
                if (body.has(field)) {
                    throw new IllegalArgumentException("[" + field + "] is only valid for cross-cluster API keys; "
                            + "create or update the key with /_security/cross_cluster/api_key instead");
                }
            }
        }
    }

    static @Nullable Duration expiration(ObjectNode object) {
        JsonNode value = object.get("expiration");
        return value == null || value.isNull() ? null : ApiKeyFieldRules.expiration(value);
    }

    static ObjectNode metadata(ObjectNode object) {
        JsonNode value = object.get("metadata");
        return value == null || value.isNull()
                ? JsonNodeFactory.instance.objectNode()
                : ApiKeyFieldRules.metadata(value);
    }
}
