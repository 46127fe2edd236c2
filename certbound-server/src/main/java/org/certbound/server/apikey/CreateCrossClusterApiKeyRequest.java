package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /_security/cross_cluster/api_key}. */
record CreateCrossClusterApiKeyRequest(
        String name,
        CrossClusterAccess access,
        @Nullable Duration expiration,
        ObjectNode metadata,
        @Nullable String certificateIdentity) {
    private static final String WHERE = "cross_cluster_api_key_request";
    private static final Set<String> FIELDS =
            Set.of("name", "access", "expiration", "metadata", "certificate_identity");

    static CreateCrossClusterApiKeyRequest parse(@Nullable JsonNode body) {
        ObjectNode object = JsonFields.object(body, WHERE, FIELDS);
        String name = ApiKeyFieldRules.name(JsonFields.optionalString(object, WHERE, "name"));
        if (!object.hasNonNull("access")) {
            throw new ApiKeyParseException(
                    "[" + WHERE + "] requires [access]; give [access.search] or " + "[access.replication]");
        }
        CrossClusterAccess access = CrossClusterAccess.parse(object.get("access"));
        String identity = JsonFields.optionalString(object, WHERE, "certificate_identity");
        return new CreateCrossClusterApiKeyRequest(
                name,
                access,
                CreateApiKeyRequest.expiration(object),
                CreateApiKeyRequest.metadata(object),
                identity == null ? null : CertificateIdentities.validate(identity));
    }
}
