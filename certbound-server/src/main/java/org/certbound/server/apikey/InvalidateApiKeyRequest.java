package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code DELETE /_security/api_key}: key ids, or a name, user name, realm or owner flag that select keys.
 */
record InvalidateApiKeyRequest(
        List<String> ids,
        @Nullable String name,
        @Nullable String username,
        @Nullable String realmName,
        boolean owner) {
    private static final String WHERE = "invalidate_api_key_request";
    private static final Set<String> FIELDS = Set.of("id", "ids", "name", "username", "realm_name", "owner");

    InvalidateApiKeyRequest {
        ids = List.copyOf(ids);
    }

    static InvalidateApiKeyRequest parse(@Nullable JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw noCriteria();
        }
        ObjectNode object = JsonFields.object(body, WHERE, FIELDS);
        List<String> ids = new java.util.ArrayList<>(JsonFields.stringList(object, WHERE, "ids"));
        String single = JsonFields.optionalString(object, WHERE, "id");
        if (single != null) {
            ids.add(single);
        }
        for (String id : ids) {
            if (id.isBlank()) {
                throw new IllegalArgumentException("[ids] must not contain an empty id");
            }
        }
        InvalidateApiKeyRequest request = new InvalidateApiKeyRequest(
                ids,
                nonBlank(JsonFields.optionalString(object, WHERE, "name"), "name"),
                nonBlank(JsonFields.optionalString(object, WHERE, "username"), "username"),
                nonBlank(JsonFields.optionalString(object, WHERE, "realm_name"), "realm_name"),
                JsonFields.optionalBoolean(object, WHERE, "owner", false));
        if (ids.isEmpty()
                && request.name() == null
                && request.username() == null
                && request.realmName() == null
                && !request.owner()) {
            throw noCriteria();
        }
        if (request.owner() && (request.username() != null || request.realmName() != null)) {
            throw new IllegalArgumentException(
                    "[owner] cannot be combined with [username] or [realm_name]; [owner] already selects your keys");
        }
        return request;
    }

    /** Returns the same selection as a get request, for one id or none. */
    GetApiKeyRequest selection(@Nullable String id) {
        return new GetApiKeyRequest(id, name, username, realmName, owner, false);
    }

    private static @Nullable String nonBlank(@Nullable String value, String field) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException("[" + field + "] must not be empty or blank");
        }
        return value;
    }

    private static IllegalArgumentException noCriteria() {
        return new IllegalArgumentException("give at least one of [ids, name, username, realm_name, owner] to select "
                + "the API keys to invalidate");
    }
}
