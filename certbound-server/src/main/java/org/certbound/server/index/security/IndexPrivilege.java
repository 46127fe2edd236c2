package org.certbound.server.index.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The index privileges of roles, named as in Elasticsearch, and the actions each grants.
 *
 * <ul>
 *   <li>{@code read}: search, count and get documents, and read field capabilities.
 *   <li>{@code write}: index, update and delete documents, in bulk too, creating a missing index automatically.
 *   <li>{@code create_index}: create an index, explicitly or automatically.
 *   <li>{@code view_index_metadata}: read index settings, mappings and field capabilities.
 *   <li>{@code manage}: every administrative action: create, delete, get, refresh and statistics, and field
 *       capabilities.
 *   <li>{@code all}: every action.
 * </ul>
 */
public enum IndexPrivilege {
    READ(EnumSet.of(IndexAction.SEARCH, IndexAction.GET, IndexAction.FIELD_CAPS)),
    WRITE(EnumSet.of(
            IndexAction.INDEX, IndexAction.DELETE, IndexAction.UPDATE, IndexAction.BULK, IndexAction.AUTO_CREATE)),
    CREATE_INDEX(EnumSet.of(IndexAction.CREATE_INDEX, IndexAction.AUTO_CREATE)),
    VIEW_INDEX_METADATA(EnumSet.of(IndexAction.GET_INDEX, IndexAction.FIELD_CAPS)),
    MANAGE(EnumSet.of(
            IndexAction.CREATE_INDEX,
            IndexAction.AUTO_CREATE,
            IndexAction.DELETE_INDEX,
            IndexAction.GET_INDEX,
            IndexAction.REFRESH,
            IndexAction.STATS,
            IndexAction.FIELD_CAPS)),
    ALL(EnumSet.allOf(IndexAction.class));

    private final Set<IndexAction> actions;

    IndexPrivilege(Set<IndexAction> actions) {
        this.actions = actions;
    }

    /** Returns whether this privilege grants an action. */
    public boolean grants(IndexAction action) {
        return actions.contains(action);
    }

    /** Returns the name used in role descriptors, such as {@code view_index_metadata}. */
    public String privilegeName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the privilege of a role-descriptor name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static IndexPrivilege fromName(String name) {
        for (IndexPrivilege privilege : values()) {
            if (privilege.privilegeName().equals(name)) {
                return privilege;
            }
        }
        throw new IllegalArgumentException("unknown index privilege [" + name + "]; expected one of [read, write,"
                + " create_index, view_index_metadata, manage, all]");
    }
}
