package org.certbound.server.index.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.certbound.server.common.ApiException;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.IndicesPrivileges;
import org.certbound.server.security.RoleDescriptor;

/**
 * The index permissions of one authenticated caller. A realm user has the union of its roles' {@code indices}
 * entries. An API key has what both its own role descriptors and the roles it is limited by allow. A key that a user
 * created without role descriptors has the owner's permissions, and a derived key without role descriptors has none
 * (see {@link Authentication#roleSets()}).
 *
 * <p>Privilege names this engine does not know (such as {@code monitor} or {@code read_cross_cluster}) grant nothing
 * here; an entry left without a known privilege is dropped.
 */
public final class IndexAuthorization implements IndexAccessControl {
    private final Authentication authentication;
    private final IndexPermissions own;
    private final Optional<IndexPermissions> limitedBy;

    private IndexAuthorization(
            Authentication authentication, IndexPermissions own, Optional<IndexPermissions> limitedBy) {
        this.authentication = authentication;
        this.own = own;
        this.limitedBy = limitedBy;
    }

    /** Returns the index permissions of a caller. */
    public static IndexAuthorization of(Authentication authentication) {
        List<List<RoleDescriptor>> sets = authentication.roleSets();
        if (sets.size() == 1) {
            return new IndexAuthorization(authentication, permissions(sets.get(0)), Optional.empty());
        }
        return new IndexAuthorization(authentication, permissions(sets.get(0)), Optional.of(permissions(sets.get(1))));
    }

    /** Returns whether the caller may perform an action on an index. */
    public boolean isAllowed(IndexAction action, String index) {
        return own.check(action, index)
                && limitedBy.map(limit -> limit.check(action, index)).orElse(true);
    }

    /**
     * Checks an action on indices.
     *
     * @throws ApiException a 403 {@code security_exception} naming the action, the caller and the indices denied
     */
    public void check(IndexAction action, Collection<String> indices) {
        List<String> denied =
                indices.stream().filter(index -> !isAllowed(action, index)).toList();
        if (!denied.isEmpty()) {
            throw ApiException.forbidden(denial(action, denied));
        }
    }

    /**
     * Returns Elasticsearch's reason for a denied action, such as {@code action [indices:data/read/search] is
     * unauthorized for user [u] with effective roles [r] on indices [i], this action is granted by the index
     * privileges [read,all]}.
     */
    public String denial(IndexAction action, Collection<String> indices) {
        String principal = authentication
                .apiKey()
                .map(key -> "API key id [" + key.id() + "] of user [" + authentication.username() + "]")
                .orElse("user [" + authentication.username() + "]");
        List<String> grantedBy = new ArrayList<>();
        for (IndexPrivilege privilege : IndexPrivilege.values()) {
            if (privilege.grants(action)) {
                grantedBy.add(privilege.privilegeName());
            }
        }
        return "action [" + action.actionName() + "] is unauthorized for " + principal + " with effective roles ["
                + String.join(",", effectiveRoleNames()) + "] on indices [" + String.join(",", indices)
                + "], this action is granted by the index privileges [" + String.join(",", grantedBy) + "]";
    }

    private List<String> effectiveRoleNames() {
        return authentication.roleSets().get(0).stream()
                .map(RoleDescriptor::name)
                .toList();
    }

    /** Returns what the caller may read of an index: document queries of both levels and the shared fields. */
    @Override
    public IndexAccess forIndex(String index) {
        IndexAccess access = own.forIndex(index);
        return limitedBy.map(limit -> access.intersect(limit.forIndex(index))).orElse(access);
    }

    /**
     * Returns what the caller may see of an index for an action, from the entries of both levels that grant it. Field
     * capabilities use it, because {@code view_index_metadata} entries carry their own field security.
     */
    public IndexAccess forIndex(String index, IndexAction action) {
        IndexAccess access = own.forIndex(index, action);
        return limitedBy
                .map(limit -> access.intersect(limit.forIndex(index, action)))
                .orElse(access);
    }

    /** Returns whether the caller may search an index, so that wildcards resolve to it. */
    @Override
    public boolean isVisible(String index) {
        return isAllowed(IndexAction.SEARCH, index);
    }

    private static IndexPermissions permissions(List<RoleDescriptor> roles) {
        List<IndexPermission> entries = new ArrayList<>();
        for (RoleDescriptor role : roles) {
            for (IndicesPrivileges indices : role.indices()) {
                toPermission(indices).ifPresent(entries::add);
            }
        }
        return new IndexPermissions(entries);
    }

    private static Optional<IndexPermission> toPermission(IndicesPrivileges indices) {
        Set<IndexPrivilege> privileges = EnumSet.noneOf(IndexPrivilege.class);
        for (String name : indices.privileges()) {
            for (IndexPrivilege privilege : IndexPrivilege.values()) {
                if (privilege.privilegeName().equals(name)) {
                    privileges.add(privilege);
                }
            }
        }
        if (privileges.isEmpty()) {
            return Optional.empty();
        }
        List<IndexNamePattern> names = new ArrayList<>();
        indices.names().forEach(name -> names.add(IndexNamePattern.parse(name)));
        FieldSecurity fields = FieldSecurity.UNRESTRICTED;
        if (indices.fieldSecurity() != null) {
            List<String> grant = indices.fieldSecurity().grant();
            fields = grant.isEmpty()
                    ? FieldSecurity.of(List.of("*"), List.of("*"))
                    : FieldSecurity.of(grant, indices.fieldSecurity().except());
        }
        return Optional.of(
                new IndexPermission(names, privileges, indices.query(), fields, indices.allowRestrictedIndices()));
    }
}
