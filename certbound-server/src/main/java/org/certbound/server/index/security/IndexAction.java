package org.certbound.server.index.security;

import java.util.Optional;

/** The index-level actions that the index and search APIs perform, with Elasticsearch's action names. */
public enum IndexAction {
    SEARCH("indices:data/read/search"),
    FIELD_CAPS("indices:data/read/field_caps"),
    GET("indices:data/read/get"),
    INDEX("indices:data/write/index"),
    DELETE("indices:data/write/delete"),
    UPDATE("indices:data/write/update"),
    BULK("indices:data/write/bulk[s]"),
    AUTO_CREATE("indices:admin/auto_create"),
    CREATE_INDEX("indices:admin/create"),
    DELETE_INDEX("indices:admin/delete"),
    GET_INDEX("indices:admin/get"),
    REFRESH("indices:admin/refresh"),
    STATS("indices:monitor/stats");

    private final String actionName;

    IndexAction(String actionName) {
        this.actionName = actionName;
    }

    /** Returns Elasticsearch's name of the action, such as {@code indices:data/read/search}. */
    public String actionName() {
        return actionName;
    }

    /** Returns the action with an Elasticsearch action name, or empty when none has it. */
    public static Optional<IndexAction> fromActionName(String name) {
        for (IndexAction action : values()) {
            if (action.actionName.equals(name)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
