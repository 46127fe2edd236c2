package org.certbound.server.rest;

import java.util.Objects;
import java.util.Optional;

/** The access rule of a route: anonymous, any authenticated user, or users with a cluster privilege. */
public final class RouteAccess {

    private static final RouteAccess ANONYMOUS = new RouteAccess(false, null);
    private static final RouteAccess AUTHENTICATED = new RouteAccess(true, null);

    private final boolean authenticationRequired;
    private final String clusterPrivilege;

    private RouteAccess(boolean authenticationRequired, String clusterPrivilege) {
        this.authenticationRequired = authenticationRequired;
        this.clusterPrivilege = clusterPrivilege;
    }

    /** Any caller, without credentials. */
    public static RouteAccess anonymous() {
        return ANONYMOUS;
    }

    /** Any authenticated caller; the handler checks index privileges itself. */
    public static RouteAccess authenticated() {
        return AUTHENTICATED;
    }

    /** Authenticated callers holding the cluster privilege {@code privilege}, for example {@code monitor}. */
    public static RouteAccess cluster(String privilege) {
        return new RouteAccess(true, Objects.requireNonNull(privilege, "privilege"));
    }

    /** Returns whether the route needs an authenticated caller. */
    public boolean authenticationRequired() {
        return authenticationRequired;
    }

    /** Returns the cluster privilege the route needs, if any. */
    public Optional<String> clusterPrivilege() {
        return Optional.ofNullable(clusterPrivilege);
    }

    @Override
    public String toString() {
        if (!authenticationRequired) {
            return "anonymous";
        }
        return clusterPrivilege == null ? "authenticated" : "cluster:" + clusterPrivilege;
    }
}
