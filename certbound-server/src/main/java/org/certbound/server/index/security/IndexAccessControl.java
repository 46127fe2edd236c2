package org.certbound.server.index.security;

/** The access of one caller to each index, as the search engine applies it. */
@FunctionalInterface
public interface IndexAccessControl {
    /** Access control that restricts nothing, for internal callers and for clusters without security. */
    IndexAccessControl UNRESTRICTED = index -> IndexAccess.UNRESTRICTED;

    /** Returns the caller's access to an index the request resolved to. */
    IndexAccess forIndex(String index);
}
