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
 * <p>The effective index permission is the intersection of the key's access ({@code keyRoles}) and every role
 * descriptor set of the querying user for this cluster ({@code userRoleSets}): an index is reachable only when the
 * key and each set grant the action on it, and the document and field restrictions of every level apply. A set that
 * grants nothing on an index therefore denies it.
 *
 * @param apiKeyId the API key id
 * @param apiKeyName the API key name
 * @param username the querying user, from the subject info
 * @param realm the querying user's realm, from the subject info; {@value #API_KEY_REALM} for a user who authenticated
 *     with an API key
 * @param identity the verified signing identity, or null when the request was unsigned
 * @param keyRoles the role descriptors derived from the key's {@code access}
 * @param userRoleSets the querying user's role descriptor sets for this cluster, from the subject info; at least one
 */
public record VerifiedCrossClusterRequest(
        String apiKeyId,
        String apiKeyName,
        String username,
        String realm,
        @Nullable VerifiedIdentity identity,
        List<RoleDescriptor> keyRoles,
        List<List<RoleDescriptor>> userRoleSets) {

    /** The realm name of a querying user who authenticated with an API key, as Elasticsearch names it. */
    public static final String API_KEY_REALM = "_es_api_key";

    /**
     * Checks the required components and copies the lists.
     *
     * @throws IllegalArgumentException when there is no user role descriptor set, because the intersection of no
     *     sets would restrict nothing
     */
    public VerifiedCrossClusterRequest {
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(apiKeyName, "apiKeyName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        if (userRoleSets.isEmpty()) {
            throw new IllegalArgumentException("a cross-cluster request needs at least one user role descriptor set");
        }
        keyRoles = List.copyOf(keyRoles);
        userRoleSets =
                userRoleSets.stream().<List<RoleDescriptor>>map(List::copyOf).toList();
    }

    /**
     * Returns what the request may see of {@code index} for {@code action}, or empty when it may not run the action
     * on that index.
     *
     * @param action the action, for example {@code indices:data/read/search}
     * @param index a concrete index name on this cluster
     * @return the document and field restrictions of every level
     */
    public Optional<IndexAccessControl> indexAccess(String action, String index) {
        List<IndexPermission.Level> granted = new ArrayList<>();
        for (IndexPermission level : levels()) {
            Optional<IndexPermission.Level> access = level.access(action, index);
            if (access.isEmpty()) {
                return Optional.empty();
            }
            granted.add(access.get());
        }
        return Optional.of(combine(index, granted));
    }

    /**
     * Returns what the request may see of {@code index}, or throws when it may not run {@code action} on it.
     *
     * @throws CrossClusterAccessException with code {@code unauthorized_index} and status 403, naming the first level
     *     that lacks the privilege: the key, or one role descriptor set of the user with its role names
     */
    public IndexAccessControl authorize(String action, String index) throws CrossClusterAccessException {
        Optional<IndexAccessControl> access = indexAccess(action, index);
        if (access.isPresent()) {
            return access.get();
        }
        throw CrossClusterAccessException.forbidden(
                FailureCodes.UNAUTHORIZED_INDEX,
                "action [" + action + "] on index [" + index + "] is unauthorized for " + deniedBy(action, index) + "; "
                        + grantRule(),
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
        List<IndexPermission> levels = levels();
        List<String> authorized = new ArrayList<>();
        for (String index : candidates) {
            if (levels.stream().allMatch(level -> level.access(action, index).isPresent())) {
                authorized.add(index);
            }
        }
        return authorized;
    }

    /** Returns whether the request was signed and its certificate verified. */
    public boolean isSigned() {
        return identity != null;
    }

    /** Returns the key's level followed by one level per user role descriptor set. */
    private List<IndexPermission> levels() {
        List<IndexPermission> levels = new ArrayList<>();
        levels.add(IndexPermission.of(keyRoles));
        userRoleSets.forEach(set -> levels.add(IndexPermission.of(set)));
        return levels;
    }

    private String deniedBy(String action, String index) {
        if (IndexPermission.of(keyRoles).access(action, index).isEmpty()) {
            return "API key [" + apiKeyId + "]";
        }
        if (userRoleSets.size() == 1) {
            return "user [" + username + "]";
        }
        for (int set = 0; set < userRoleSets.size(); set++) {
            List<RoleDescriptor> roles = userRoleSets.get(set);
            if (IndexPermission.of(roles).access(action, index).isEmpty()) {
                return "user [" + username + "] by " + setDescription(set) + " (role_descriptors[" + set
                        + "] of the subject info, roles "
                        + roles.stream().map(RoleDescriptor::name).toList() + ")";
            }
        }
        throw new IllegalStateException("no level denies action [" + action + "] on index [" + index + "]");
    }

    /**
     * Names a user role descriptor set. A querying user who authenticated with an API key that has its own role
     * descriptors sends two sets, the key's own first and its owner's second.
     */
    private String setDescription(int set) {
        if (API_KEY_REALM.equals(realm) && userRoleSets.size() == 2) {
            return set == 0 ? "the querying API key's own role descriptors" : "the querying API key owner's roles";
        }
        return "role descriptor set [" + set + "]";
    }

    private String grantRule() {
        return userRoleSets.size() == 1
                ? "the key's access and the user's remote_indices must both grant it"
                : "the key's access and every role descriptor set of the user must grant it";
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
