package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and updates REST and cross-cluster API keys. Every write goes to the store first and then invalidates the
 * key's cache entries, so the next authentication sees it.
 *
 * <p>Security: the secret is generated here, hashed, handed to the caller once in a {@link CreatedApiKey}, and never
 * stored or logged.
 */
final class ApiKeyService {
    private static final Logger LOGGER = LoggerFactory.getLogger(ApiKeyService.class);

    private final ApiKeyStore store;
    private final ApiKeyCache cache;
    private final ApiKeyHasher hasher;
    private final ApiKeyGenerator generator;
    private final Clock clock;

    ApiKeyService(ApiKeyStore store, ApiKeyCache cache, ApiKeyHasher hasher, ApiKeyGenerator generator, Clock clock) {
        this.store = store;
        this.cache = cache;
        this.hasher = hasher;
        this.generator = generator;
        this.clock = clock;
    }

    /**
     * Creates a REST key owned by {@code caller} and limited by the caller's current roles. A caller that
     * authenticated with an API key creates a derived key: it is stored with the creating key's id, and because a
     * derived key never inherits the owner's roles, its empty role descriptors grant no privileges at all.
     */
    CreatedApiKey createRestKey(ApiKeyCaller caller, CreateApiKeyRequest request) {
        if (caller.viaApiKey() && !(request.roleDescriptorsGiven() && allEmpty(request.roleDescriptors()))) {
            throw ApiKeyErrors.badRequest("creating a derived API key with an API key requires [role_descriptors] "
                    + "with roles that grant no privileges, such as {\"role_descriptors\": {}}; the derived key "
                    + "can authenticate but has no privileges");
        }
        return create(
                caller,
                request.name(),
                ApiKeyType.REST,
                request.expiration(),
                request.metadata(),
                request.roleDescriptors(),
                caller.roleDescriptors(),
                null,
                null,
                caller.apiKeyId());
    }

    /** Creates a cross-cluster key; the caller must be a user, not an API key. */
    CreatedApiKey createCrossClusterKey(ApiKeyCaller caller, CreateCrossClusterApiKeyRequest request) {
        rejectApiKeyCaller(caller, "create");
        ObjectNode roles = JsonNodeFactory.instance.objectNode();
        roles.set(CrossClusterAccess.ROLE_NAME, request.access().toRoleDescriptor());
        return create(
                caller,
                request.name(),
                ApiKeyType.CROSS_CLUSTER,
                request.expiration(),
                request.metadata(),
                roles,
                JsonNodeFactory.instance.objectNode(),
                request.access().toJson(),
                request.certificateIdentity(),
                null);
    }

    /**
     * Updates a REST key of the caller's; the owner's current roles replace the stored {@code limited_by}.
     *
     * @return false when nothing changed
     */
    boolean updateRestKey(ApiKeyCaller caller, String id, UpdateApiKeyRequest request) {
        if (caller.viaApiKey()) {
            throw ApiKeyErrors.badRequest("an API key cannot update API keys; authenticate as the owner ["
                    + caller.owner().principal() + "] to update API key [" + id + "]");
        }
        ApiKeyStore.Versioned current = loadForUpdate(caller, id, ApiKeyType.REST);
        ApiKeyDocument old = current.document();
        ApiKeyDocument updated = new ApiKeyDocument(
                old.id(),
                old.name(),
                old.type(),
                old.creation(),
                newExpiration(old, request.expiration()),
                null,
                old.hash(),
                request.roleDescriptors() != null ? request.roleDescriptors() : old.roleDescriptors(),
                caller.roleDescriptors(),
                null,
                request.metadata() != null ? request.metadata() : old.metadata(),
                null,
                caller.owner(),
                old.derivedFrom());
        return replaceIfChanged(current, updated, request.expiration() != null);
    }

    /**
     * Updates a cross-cluster key of the caller's.
     *
     * @return false when nothing changed
     */
    boolean updateCrossClusterKey(ApiKeyCaller caller, String id, UpdateCrossClusterApiKeyRequest request) {
        rejectApiKeyCaller(caller, "update");
        ApiKeyStore.Versioned current = loadForUpdate(caller, id, ApiKeyType.CROSS_CLUSTER);
        ApiKeyDocument old = current.document();
        ObjectNode roles = old.roleDescriptors();
        ObjectNode access = old.access();
        if (request.access() != null) {
            roles = JsonNodeFactory.instance.objectNode();
            roles.set(CrossClusterAccess.ROLE_NAME, request.access().toRoleDescriptor());
            access = request.access().toJson();
        }
        String identity = switch (request.identityChange()) {
            case KEEP -> old.certificateIdentity();
            case REMOVE -> null;
            case REPLACE -> request.certificateIdentity();
        };
        ApiKeyDocument updated = new ApiKeyDocument(
                old.id(),
                old.name(),
                old.type(),
                old.creation(),
                newExpiration(old, request.expiration()),
                null,
                old.hash(),
                roles,
                old.limitedBy(),
                access,
                request.metadata() != null ? request.metadata() : old.metadata(),
                identity,
                caller.owner(),
                old.derivedFrom());
        return replaceIfChanged(current, updated, request.expiration() != null);
    }

    private CreatedApiKey create(
            ApiKeyCaller caller,
            String name,
            ApiKeyType type,
            @Nullable Duration lifetime,
            ObjectNode metadata,
            ObjectNode roles,
            ObjectNode limitedBy,
            @Nullable ObjectNode access,
            @Nullable String identity,
            @Nullable String derivedFrom) {
        Instant now = clock.instant();
        Instant expiration = lifetime == null ? null : now.plus(lifetime);
        String id = generator.newId();
        char[] secret = generator.newSecret();
        try {
            ApiKeyDocument document = new ApiKeyDocument(
                    id,
                    name,
                    type,
                    now,
                    expiration,
                    null,
                    hasher.hash(secret),
                    roles,
                    limitedBy,
                    access,
                    metadata,
                    identity,
                    caller.owner(),
                    derivedFrom);
            store.create(document);
            cache.invalidate(id);
            LOGGER.info(
                    "created {} API key [{}] named [{}] for user [{}]",
                    type.value(),
                    id,
                    name,
                    caller.owner().principal());
            return new CreatedApiKey(id, name, expiration, secret);
        } catch (RuntimeException e) {
            java.util.Arrays.fill(secret, '\0');
            throw e;
        }
    }

    private ApiKeyStore.Versioned loadForUpdate(ApiKeyCaller caller, String id, ApiKeyType expected) {
        ApiKeyStore.Versioned current = store.get(id)
                .filter(found -> caller.owns(found.document()))
                .orElseThrow(() ->
                        ApiKeyErrors.notFound("no API key owned by the requesting user found for id [" + id + "]"));
        ApiKeyDocument key = current.document();
        if (key.type() != expected) {
            String path = key.type() == ApiKeyType.REST ? "/_security/api_key/" : "/_security/cross_cluster/api_key/";
            throw ApiKeyErrors.badRequest(
                    "API key [" + id + "] is of type [" + key.type().value() + "] but this API " + "updates type ["
                            + expected.value() + "]; use PUT " + path + id);
        }
        if (key.invalidated()) {
            throw ApiKeyErrors.badRequest("cannot update API key [" + id + "] because it is invalidated");
        }
        if (key.expiredAt(clock.instant())) {
            throw ApiKeyErrors.badRequest("cannot update API key [" + id + "] because it has expired");
        }
        return current;
    }

    private boolean replaceIfChanged(ApiKeyStore.Versioned current, ApiKeyDocument updated, boolean forced) {
        if (!forced && sameContent(current.document(), updated)) {
            return false;
        }
        try {
            store.replace(updated, current.version());
        } catch (ConcurrentModificationException e) {
            throw ApiKeyErrors.conflict("API key [" + updated.id() + "] was changed by another request; read it "
                    + "again and retry the update");
        } finally {
            cache.invalidate(updated.id());
        }
        LOGGER.info("updated API key [{}]", updated.id());
        return true;
    }

    private static boolean sameContent(ApiKeyDocument a, ApiKeyDocument b) {
        return a.roleDescriptors().equals(b.roleDescriptors())
                && a.limitedBy().equals(b.limitedBy())
                && java.util.Objects.equals(a.access(), b.access())
                && a.metadata().equals(b.metadata())
                && java.util.Objects.equals(a.certificateIdentity(), b.certificateIdentity())
                && java.util.Objects.equals(a.expiration(), b.expiration())
                && a.owner().equals(b.owner());
    }

    private @Nullable Instant newExpiration(ApiKeyDocument old, @Nullable Duration lifetime) {
        return lifetime == null ? old.expiration() : clock.instant().plus(lifetime);
    }

    private static void rejectApiKeyCaller(ApiKeyCaller caller, String verb) {
        if (caller.viaApiKey()) {
            throw ApiKeyErrors.badRequest("an API key cannot " + verb + " cross-cluster API keys; authenticate as a "
                    + "user with the [manage_security] cluster privilege");
        }
    }

    /** Returns true when no role grants anything: a derived key must not widen its parent. */
    private static boolean allEmpty(ObjectNode roles) {
        for (Map.Entry<String, JsonNode> role : (Iterable<Map.Entry<String, JsonNode>>) roles::fields) {
            for (String field : new String[] {
                "cluster", "indices", "remote_indices", "remote_cluster", "applications", "run_as", "global"
            }) {
                JsonNode value = role.getValue().get(field);
                if (value != null && !value.isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
