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
 * Builds the subject info of a querying user for one remote cluster alias: for each of the user's role sets, the
 * {@code remote_indices} entries whose {@code clusters} patterns match the alias, rewritten as {@code indices}
 * entries of roles with the same names.
 */
final class SubjectInfos {

    private SubjectInfos() {}

    /**
     * Returns the subject info, or empty when some role set of the user has no remote privilege for the alias, so
     * that the intersection grants nothing there.
     *
     * @param user the authenticated querying user
     * @param alias the remote cluster alias
     * @return the subject info, with one role descriptor set per set of {@link Authentication#roleSets()}
     */
    static Optional<SubjectInfo> forAlias(Authentication user, String alias) {
        List<Map<String, JsonNode>> sets = new ArrayList<>();
        for (List<RoleDescriptor> roles : user.roleSets()) {
            Map<String, JsonNode> set = remoteRoles(roles, alias);
            if (set.isEmpty()) {
                return Optional.empty();
            }
            sets.add(set);
        }
        return Optional.of(new SubjectInfo(user.username(), user.realmName(), user.realmType(), sets));
    }

    /**
     * Returns why {@link #forAlias} is empty for the user and alias, naming the API key when its own role
     * descriptors are the set without remote privileges.
     */
    static String noRemotePrivilegesReason(Authentication user, String alias) {
        if (user.isDerivedApiKey() && user.roles().isEmpty()) {
            return "API key [" + user.apiKey().orElseThrow().id() + "] of user [" + user.username()
                    + "] was created by another API key without role descriptors, so it grants no privileges";
        }
        if (user.isApiKey()
                && !user.roles().isEmpty()
                && remoteRoles(user.roles(), alias).isEmpty()) {
            return "the role descriptors of API key ["
                    + user.apiKey().orElseThrow().id() + "] of user [" + user.username()
                    + "] grant no [remote_indices] privileges for remote cluster [" + alias + "]";
        }
        return "user [" + user.username() + "] has no [remote_indices] privileges for remote cluster [" + alias + "]";
    }

    private static Map<String, JsonNode> remoteRoles(List<RoleDescriptor> roles, String alias) {
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
        return descriptors;
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
        List<List<RoleDescriptor>> sets = user.roleSets();
        return new VerifiedCrossClusterRequest(
                "local", "local", user.username(), user.realmName(), null, sets.get(0), sets);
    }
}
