package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /_security/api_key/{id}}; each null field keeps the stored value. An empty body is valid:
 * it refreshes the owner's role descriptors that limit the key.
 */
record UpdateApiKeyRequest(
        @Nullable ObjectNode roleDescriptors,
        @Nullable ObjectNode metadata,
        @Nullable Duration expiration) {
    private static final String WHERE = "update_api_key_request";
    private static final Set<String> FIELDS = Set.of("role_descriptors", "metadata", "expiration");

    static UpdateApiKeyRequest parse(@Nullable JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return new UpdateApiKeyRequest(null, null, null);
        }
        CreateApiKeyRequest.rejectCrossClusterFields(body);
        ObjectNode object = JsonFields.object(body, WHERE, FIELDS);
        rejectNullExpiration(object);
        JsonNode roles = object.get("role_descriptors");
        ObjectNode roleDescriptors = roles == null || roles.isNull() ? null : RestRoleDescriptors.validate(roles);
        ObjectNode metadata = object.hasNonNull("metadata") ? ApiKeyFieldRules.metadata(object.get("metadata")) : null;
        return new UpdateApiKeyRequest(roleDescriptors, metadata, CreateApiKeyRequest.expiration(object));
    }

    /** Rejects {@code "expiration": null}, which could read as "never expires" but would silently do nothing. */
    static void rejectNullExpiration(ObjectNode object) {
        if (object.has("expiration") && object.get("expiration").isNull()) {
            throw new IllegalArgumentException("[expiration] cannot be removed once set; give a new duration such as "
                    + "[30d], counted from now, or leave the field out to keep the current expiration");
        }
    }
}
