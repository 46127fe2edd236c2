package org.certbound.server.index.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The read access of a caller to one index: the document-level security queries, all of which a document must match, and
 * the field-level security. One role gives at most one query (the entries that grant the index combined with
 * {@code bool.should}); intersecting the access of two roles, such as an API key's and its owner's, concatenates them.
 *
 * @param documentQueries queries in the search DSL, all of which must match; empty means every document is visible
 * @param fieldSecurity the visible fields
 */
public record IndexAccess(List<JsonNode> documentQueries, FieldSecurity fieldSecurity) {
    /** Access to every document and field. */
    public static final IndexAccess UNRESTRICTED = new IndexAccess(List.of(), FieldSecurity.UNRESTRICTED);

    /** Creates access, copying the queries. */
    public IndexAccess {
        documentQueries =
                documentQueries.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** Returns access that allows only what both this and {@code other} allow. */
    public IndexAccess intersect(IndexAccess other) {
        List<JsonNode> queries = new java.util.ArrayList<>(documentQueries);
        queries.addAll(other.documentQueries);
        return new IndexAccess(queries, fieldSecurity.intersect(other.fieldSecurity));
    }

    /** Returns whether this access restricts documents or fields. */
    public boolean isRestricted() {
        return !documentQueries.isEmpty() || !fieldSecurity.isUnrestricted();
    }
}
