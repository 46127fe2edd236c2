package org.certbound.server.security;

import java.util.List;
import org.certbound.server.common.ApiException;

/**
 * Checks cluster privileges. For an API key the effective permission is the intersection of the key's own role
 * descriptors and the owner's roles it is limited by; a key without role descriptors has the owner's
 * permissions.
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

    /** Returns whether {@code authentication} holds the cluster privilege {@code privilege}. */
    public boolean hasClusterPrivilege(Authentication authentication, String privilege) {
        if (!authentication.isApiKey()) {
            return anyRoleGrants(authentication.roles(), privilege);
        }
        boolean ownerGrants = anyRoleGrants(authentication.limitedBy(), privilege);
        if (authentication.roles().isEmpty()) {
            return ownerGrants;
        }
        return ownerGrants && anyRoleGrants(authentication.roles(), privilege);
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
