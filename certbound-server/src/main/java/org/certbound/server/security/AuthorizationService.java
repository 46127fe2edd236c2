package org.certbound.server.security;

import java.util.List;
import org.certbound.server.common.ApiException;

/**
 * Checks cluster privileges. For an API key the effective permission is the intersection of the key's own role
 * descriptors and the roles it is limited by. A key that a user created without role descriptors has the owner's
 * permissions, and a derived key without role descriptors has none (see {@link Authentication#roleSets()}).
 */
public final class AuthorizationService {

    /**
     * Checks that {@code authentication} holds the cluster privilege {@code privilege}.
     *
     * @param action the name of the request, shown in the error, for example {@code GET /_cluster/settings}
     * @throws ApiException a 403 naming the action, the user, the roles and the privileges that would grant it
     */
    public void checkCluster(Authentication authentication, String privilege, String action) {
        if (hasClusterPrivilege(authentication, privilege)) {
            return;
        }
        throw ApiException.forbidden("action [" + action + "] is unauthorized for " + principal(authentication)
                + " with effective roles [" + String.join(",", authentication.roleNames())
                + "], this action is granted by the cluster privileges ["
                + String.join(",", ClusterPrivileges.grantedBy(privilege)) + "]");
    }

    /** Checks {@code privilege}, naming the privilege itself as the action in the error. */
    public void checkCluster(Authentication authentication, String privilege) {
        checkCluster(authentication, privilege, "cluster:" + privilege);
    }

    /**
     * Returns whether {@code authentication} has the cluster privilege {@code privilege}: some role of every set
     * of {@link Authentication#roleSets()} must grant it.
     */
    public boolean hasClusterPrivilege(Authentication authentication, String privilege) {
        for (List<RoleDescriptor> roles : authentication.roleSets()) {
            if (!anyRoleGrants(roles, privilege)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyRoleGrants(List<RoleDescriptor> roles, String privilege) {
        for (RoleDescriptor role : roles) {
            if (ClusterPrivileges.implies(role.cluster(), privilege)) {
                return true;
            }
        }
        return false;
    }

    private static String principal(Authentication authentication) {
        return authentication
                .apiKey()
                .map(key -> "API key id [" + key.id() + "] of user [" + authentication.username() + "]")
                .orElse("user [" + authentication.username() + "]");
    }
}
