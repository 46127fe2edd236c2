package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.certbound.server.remote.verify.VerifiedCrossClusterRequest;
import org.certbound.server.remote.wire.SubjectInfo;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RemoteIndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;
import org.certbound.server.security.RoleDescriptors;

/**
 * Builds the subject info of a querying user for one remote cluster alias: the user's {@code
 * remote_indices} entries whose {@code clusters} patterns match the alias, rewritten as {@code indices}
 * entries of roles with the same names.
 */
final class SubjectInfos {

    private SubjectInfos() {}

    /**
     * Returns the subject info, or empty when the user has no remote privilege for the alias.
     *
     * @param user the authenticated querying user
     * @param alias the remote cluster alias
     * @return the subject info
     * @throws IllegalArgumentException when the user authenticated with an API key that has its own role descriptors
     */
    static Optional<SubjectInfo> forAlias(Authentication user, String alias) {
        List<RoleDescriptor> roles = effectiveRoles(user);
        Map<String, JsonNode> descriptors = new LinkedHashMap<>();
        for (RoleDescriptor role : roles) {
            List<IndicesPrivileges> entries = new ArrayList<>();
            for (RemoteIndicesPrivileges remote : role.remoteIndices()) {
                if (remote.clusters().stream().anyMatch(pattern -> matches(pattern, alias))) {
                    entries.add(remote.indices());
                }
            }
            if (!entries.isEmpty()) {
                RoleDescriptor rewritten = new RoleDescriptor(role.name(), List.of(), entries, List.of(), Map.of());
                descriptors.put(role.name(), RoleDescriptors.toJson(rewritten));
            }
        }
        if (descriptors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SubjectInfo(user.username(), user.realmName(), user.realmType(), descriptors));
    }

    /**
     * Returns the roles whose remote privileges a request may use. For an API key that inherits its owner's
     * privileges (no role descriptors of its own) that is the owner's roles.
     */
    static List<RoleDescriptor> effectiveRoles(Authentication user) {
        if (!user.isApiKey()) {
            return user.roles();
        }
        if (user.roles().isEmpty()) {
            return user.limitedBy();
        }
        // NOTE: the subject info carries one set of roles, so it cannot express the intersection of a key's own
        // role descriptors with its owner's. Such keys are rejected rather than sent with either set alone.
        throw new IllegalArgumentException("cross-cluster search with API key ["
                + user.apiKey().orElseThrow().id()
                + "] is not supported because the key has its own role descriptors; use a key without"
                + " role_descriptors, which inherits its owner's remote_indices privileges");
    }

    private static boolean matches(String pattern, String alias) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.matches(regex.toString(), alias);
    }

    /**
     * Returns the permissions of the local part of a cross-cluster request, authorized like a remote request: the
     * user's roles, intersected with the owner's roles for an API key, decide which indices an expression reaches.
     */
    static VerifiedCrossClusterRequest localPermissions(Authentication user) {
        List<RoleDescriptor> roles = effectiveRoles(user);
        List<RoleDescriptor> limit = user.isApiKey() ? user.limitedBy() : roles;
        return new VerifiedCrossClusterRequest("local", "local", user.username(), user.realmName(), null, roles, limit);
    }
}
