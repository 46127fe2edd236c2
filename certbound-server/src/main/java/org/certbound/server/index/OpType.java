package org.certbound.server.index;

import org.jspecify.annotations.Nullable;

/** The {@code op_type} of an index request. */
public enum OpType {
    /** Creates the document or replaces it. */
    INDEX,
    /** Creates the document and fails with 409 when it exists. */
    CREATE;

    /**
     * Parses the parameter; absent means {@link #INDEX}.
     *
     * @throws IndexException {@code illegal_argument_exception} for any value but {@code index} and {@code create}
     */
    public static OpType parse(@Nullable String value) {
        if (value == null || value.equals("index")) {
            return INDEX;
        } else if (value.equals("create")) {
            return CREATE;
        }
        throw IndexException.illegalArgument("opType must be 'create' or 'index', found: [" + value + "]");
    }
}
