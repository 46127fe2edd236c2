package org.certbound.server.index.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a caller may read of one index: the document-level security queries, of which a document must match at least
 * one, and the field-level security.
 *
 * @param documentQueries queries in the search DSL; empty means every document is visible
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

    /** Returns whether this access restricts documents or fields. */
    public boolean isRestricted() {
        return !documentQueries.isEmpty() || !fieldSecurity.isUnrestricted();
    }
}
