package org.certbound.server.apikey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One stored API key, as kept in the state store's {@code api_keys} collection.
 *
 * @param id the key id, which is not secret
 * @param name the key name
 * @param type REST or cross-cluster
 * @param creation when the key was created
 * @param expiration when the key expires, or null for never
 * @param invalidation when the key was invalidated, or null while it is valid
 * @param hash the salted hash of the secret (see {@link ApiKeyHasher})
 * @param roleDescriptors the key's own role descriptors by name; for a cross-cluster key, one named
 *     {@code cross_cluster}
 * @param limitedBy the owner's role descriptors at creation or last update; empty for cross-cluster keys
 * @param access the cross-cluster access as given, normalised; null for REST keys
 * @param metadata user metadata, never null
 * @param certificateIdentity the certificate identity pattern, exactly as given, or null
 * @param owner the user that created the key, or that owns the API key that created it
 * @param derivedFrom the id of the API key that created this key, or null for a key that a user created. A derived
 *     key never inherits its owner's roles: with empty role descriptors it grants nothing.
 */
public record ApiKeyDocument(
        String id,
        String name,
        ApiKeyType type,
        Instant creation,
        @Nullable Instant expiration,
        @Nullable Instant invalidation,
        String hash,
        ObjectNode roleDescriptors,
        ObjectNode limitedBy,
        @Nullable ObjectNode access,
        ObjectNode metadata,
        @Nullable String certificateIdentity,
        Owner owner,
        @Nullable String derivedFrom) {
    /** The document schema version written in the {@code version} field. */
    static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The owner of a key.
     *
     * @param principal the user name
     * @param realm the realm that authenticated the user
     * @param realmType that realm's type, such as {@code file}
     */
    public record Owner(String principal, String realm, String realmType) {
        /** Checks that every field is present. */
        public Owner {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(realmType, "realmType");
        }
    }

    /** Copies the JSON values. */
    public ApiKeyDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hash, "hash");
        roleDescriptors = roleDescriptors.deepCopy();
        limitedBy = limitedBy.deepCopy();
        access = access == null ? null : access.deepCopy();
        metadata = metadata.deepCopy();
    }

    /** Returns true when the key was invalidated. */
    public boolean invalidated() {
        return invalidation != null;
    }

    /** Returns true when the key has an expiration at or before {@code now}. */
    public boolean expiredAt(Instant now) {
        return expiration != null && !now.isBefore(expiration);
    }

    /** Returns a copy with the given invalidation time. */
    ApiKeyDocument withInvalidation(Instant when) {
        return new ApiKeyDocument(
                id,
                name,
                type,
                creation,
                expiration,
                when,
                hash,
                roleDescriptors,
                limitedBy,
                access,
                metadata,
                certificateIdentity,
                owner,
                derivedFrom);
    }

    /** Returns true when another API key created this key. */
    public boolean derived() {
        return derivedFrom != null;
    }

    /** Serialises the document for the state store. */
    String toStoredJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("doc_type", "api_key");
        json.put("version", SCHEMA_VERSION);
        json.put("name", name);
        json.put("type", type.value());
        json.put("creation_time", creation.toEpochMilli());
        putInstant(json, "expiration_time", expiration);
        json.put("api_key_invalidated", invalidation != null);
        putInstant(json, "invalidation_time", invalidation);
        json.put("api_key_hash", hash);
        json.set("role_descriptors", roleDescriptors);
        json.set("limited_by_role_descriptors", limitedBy);
        if (access != null) {
            json.set("access", access);
        }
        json.set("metadata", metadata);
        if (certificateIdentity != null) {
            json.put("certificate_identity", certificateIdentity);
        }
        ObjectNode creator = json.putObject("creator");
        creator.put("principal", owner.principal());
        creator.put("realm", owner.realm());
        creator.put("realm_type", owner.realmType());
        if (derivedFrom != null) {
            json.put("derived_from_api_key", derivedFrom);
        }
        return json.toString();
    }

    /**
     * Reads a document written by {@link #toStoredJson()}.
     *
     * @throws IllegalStateException when the stored JSON is not an API key document
     */
    static ApiKeyDocument fromStoredJson(String id, String stored) {
        try {
            JsonNode json = MAPPER.readTree(stored);
            if (!"api_key".equals(json.path("doc_type").asText())) {
                throw new IllegalStateException("stored document [" + id + "] is not an API key document");
            }
            JsonNode creator = json.path("creator");
            return new ApiKeyDocument(
                    id,
                    json.path("name").asText(),
                    ApiKeyType.fromValue(json.path("type").asText()),
                    Instant.ofEpochMilli(json.path("creation_time").asLong()),
                    readInstant(json, "expiration_time"),
                    readInstant(json, "invalidation_time"),
                    json.path("api_key_hash").asText(),
                    (ObjectNode) json.path("role_descriptors"),
                    (ObjectNode) json.path("limited_by_role_descriptors"),
                    json.has("access") ? (ObjectNode) json.get("access") : null,
                    (ObjectNode) json.path("metadata"),
                    json.hasNonNull("certificate_identity")
                            ? json.get("certificate_identity").textValue()
                            : null,
                    new Owner(
                            creator.path("principal").asText(),
                            creator.path("realm").asText(),
                            creator.path("realm_type").asText()),
                    json.hasNonNull("derived_from_api_key")
                            ? json.get("derived_from_api_key").textValue()
                            : null);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored API key document [" + id + "] is corrupt", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeyDocument[id=" + id + ", name=" + name + ", type=" + type.value() + ", invalidated="
                + invalidated() + "]";
    }

    private static void putInstant(ObjectNode json, String field, @Nullable Instant value) {
        if (value == null) {
            json.putNull(field);
        } else {
            json.put(field, value.toEpochMilli());
        }
    }

    private static @Nullable Instant readInstant(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : Instant.ofEpochMilli(value.asLong());
    }
}
