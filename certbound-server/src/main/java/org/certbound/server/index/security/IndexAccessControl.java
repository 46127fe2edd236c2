package org.certbound.server.index.security;

/** The access of one caller to each index, as the search engine applies it. */
@FunctionalInterface
public interface IndexAccessControl {
    /** Access control that restricts nothing, for internal callers and for clusters without security. */
    IndexAccessControl UNRESTRICTED = index -> IndexAccess.UNRESTRICTED;

    /** Returns the caller's access to an index the request resolved to. */
    IndexAccess forIndex(String index);

    /**
     * Returns whether wildcards and {@code _all} of a search may expand to an index, so that they never reveal indices
     * the caller may not search; a name given literally is not affected. The default expands to every index.
     */
    default boolean isVisible(String index) {
        return true;
    }
}
