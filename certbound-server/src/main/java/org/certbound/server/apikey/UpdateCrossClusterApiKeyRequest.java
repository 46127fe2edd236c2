package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /_security/cross_cluster/api_key/{id}}: each absent field keeps the stored value, and
 * {@code certificate_identity} distinguishes absent (keep), JSON null (remove) and a string (replace).
 */
record UpdateCrossClusterApiKeyRequest(
        @Nullable CrossClusterAccess access,
        @Nullable ObjectNode metadata,
        @Nullable Duration expiration,
        IdentityChange identityChange,
        @Nullable String certificateIdentity) {
    private static final String WHERE = "update_cross_cluster_api_key_request";
    private static final Set<String> FIELDS = Set.of("access", "metadata", "expiration", "certificate_identity");

    /** The change an update makes to the stored certificate identity. */
    enum IdentityChange {
        KEEP,
        REMOVE,
        REPLACE
    }

    static UpdateCrossClusterApiKeyRequest parse(@Nullable JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw nothingToUpdate();
        }
        ObjectNode object = JsonFields.object(body, WHERE, FIELDS);
        if (object.isEmpty()) {
            throw nothingToUpdate();
        }
        UpdateApiKeyRequest.rejectNullExpiration(object);
        CrossClusterAccess access = object.hasNonNull("access") ? CrossClusterAccess.parse(object.get("access")) : null;
        if (object.has("access") && object.get("access").isNull()) {
            throw new IllegalArgumentException("[access] cannot be null; give the new access, or leave the field out "
                    + "to keep the current access");
        }
        ObjectNode metadata = object.hasNonNull("metadata") ? ApiKeyFieldRules.metadata(object.get("metadata")) : null;
        IdentityChange change = IdentityChange.KEEP;
        String identity = null;
        if (object.has("certificate_identity")) {
            identity = JsonFields.optionalString(object, WHERE, "certificate_identity");
            change = identity == null ? IdentityChange.REMOVE : IdentityChange.REPLACE;
            if (identity != null) {
                CertificateIdentities.validate(identity);
            }
        }
        return new UpdateCrossClusterApiKeyRequest(
                access, metadata, CreateApiKeyRequest.expiration(object), change, identity);
    }

    private static IllegalArgumentException nothingToUpdate() {
        return new IllegalArgumentException(
                "nothing to update: give at least one of [access, metadata, expiration, " + "certificate_identity]");
    }
}
