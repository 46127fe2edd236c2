package org.certbound.server.remote.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.certbound.identity.VerifiedIdentity;
import org.certbound.server.security.FieldSecurity;
import org.certbound.server.security.RoleDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * A cross-cluster request whose API key, signature and certificate identity were verified.
 *
 * <p>The effective index permission is the intersection of the key's access ({@code keyRoles}) and the querying
 * user's {@code remote_indices} for this cluster ({@code userRemoteRoles}): an index is reachable only when both
 * grant the action on it, and both levels' document and field restrictions apply.
 *
 * @param apiKeyId the API key id
 * @param apiKeyName the API key name
 * @param username the querying user, from the subject info
 * @param realm the querying user's realm, from the subject info
 * @param identity the verified signing identity, or null when the request was unsigned
 * @param keyRoles the role descriptors derived from the key's {@code access}
 * @param userRemoteRoles the querying user's role descriptors for this cluster, from the subject info
 */
public record VerifiedCrossClusterRequest(
        String apiKeyId,
        String apiKeyName,
        String username,
        String realm,
        @Nullable VerifiedIdentity identity,
        List<RoleDescriptor> keyRoles,
        List<RoleDescriptor> userRemoteRoles) {

    /** Checks the required components and copies the lists. */
    public VerifiedCrossClusterRequest {
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(apiKeyName, "apiKeyName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        keyRoles = List.copyOf(keyRoles);
        userRemoteRoles = List.copyOf(userRemoteRoles);
    }

    /**
     * Returns what the request may see of {@code index} for {@code action}, or empty when it may not run the action
     * on that index.
     *
     * @param action the action, for example {@code indices:data/read/search}
     * @param index a concrete index name on this cluster
     * @return the document and field restrictions of both levels
     */
    public Optional<IndexAccessControl> indexAccess(String action, String index) {
        Optional<IndexPermission.Level> key = IndexPermission.of(keyRoles).access(action, index);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<IndexPermission.Level> user =
                IndexPermission.of(userRemoteRoles).access(action, index);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(combine(index, List.of(key.get(), user.get())));
    }

    /**
     * Returns what the request may see of {@code index}, or throws when it may not run {@code action} on it.
     *
     * @throws CrossClusterAccessException with code {@code unauthorized_index} and status 403, naming whether the
     *     key or the user lacks the privilege
     */
    public IndexAccessControl authorize(String action, String index) throws CrossClusterAccessException {
        Optional<IndexAccessControl> access = indexAccess(action, index);
        if (access.isPresent()) {
            return access.get();
        }
        String missing = IndexPermission.of(keyRoles).access(action, index).isEmpty()
                ? "API key [" + apiKeyId + "]"
                : "user [" + username + "]";
        throw CrossClusterAccessException.forbidden(
                FailureCodes.UNAUTHORIZED_INDEX,
                "action [" + action + "] on index [" + index + "] is unauthorized for " + missing
                        + "; the key's access and the user's remote_indices must both grant it",
                apiKeyId);
    }

    /**
     * Returns the indices among {@code candidates} on which the request may run {@code action}, in their order.
     *
     * @param action the action
     * @param candidates concrete index names, for example every index an expression could reach
     * @return the authorized subset
     */
    public List<String> authorizedIndices(String action, Collection<String> candidates) {
        IndexPermission key = IndexPermission.of(keyRoles);
        IndexPermission user = IndexPermission.of(userRemoteRoles);
        List<String> authorized = new ArrayList<>();
        for (String index : candidates) {
            if (key.access(action, index).isPresent()
                    && user.access(action, index).isPresent()) {
                authorized.add(index);
            }
        }
        return authorized;
    }

    /** Returns whether the request was signed and its certificate verified. */
    public boolean isSigned() {
        return identity != null;
    }

    private static IndexAccessControl combine(String index, List<IndexPermission.Level> levels) {
        List<List<JsonNode>> queries = new ArrayList<>();
        List<List<FieldSecurity>> fields = new ArrayList<>();
        for (IndexPermission.Level level : levels) {
            if (!level.queries().isEmpty()) {
                queries.add(level.queries());
            }
            if (!level.fieldSecurity().isEmpty()) {
                fields.add(level.fieldSecurity());
            }
        }
        return new IndexAccessControl(index, queries, fields);
    }
}
