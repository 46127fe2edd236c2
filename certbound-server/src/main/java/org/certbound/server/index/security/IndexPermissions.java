package org.certbound.server.index.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The index permissions of one role: a set of {@link IndexPermission} entries. An action on an index is allowed when
 * any entry grants it. Reading is restricted by the entries that grant {@code read}: a document is visible when it
 * matches the query of any of them (or any has no query), and a field when any of them shows it.
 */
public final class IndexPermissions implements IndexAccessControl {
    /** Permissions that grant nothing. */
    public static final IndexPermissions NONE = new IndexPermissions(List.of());

    private final List<IndexPermission> entries;

    /** Creates the permissions of a role from its entries. */
    public IndexPermissions(List<IndexPermission> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the {@code indices} array of a role descriptor. */
    public static IndexPermissions parse(JsonNode indices) {
        if (!indices.isArray()) {
            throw new IllegalArgumentException("[indices] must be an array of index permissions");
        }
        List<IndexPermission> entries = new ArrayList<>();
        indices.forEach(entry -> entries.add(IndexPermission.parse(entry)));
        return new IndexPermissions(entries);
    }

    /** Returns whether any entry grants an action on an index. */
    public boolean check(IndexAction action, String index) {
        for (IndexPermission entry : entries) {
            if (entry.check(action, index)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the names among {@code indices} on which an action is allowed, in their order. */
    public List<String> allowedIndices(IndexAction action, List<String> indices) {
        return indices.stream().filter(index -> check(action, index)).toList();
    }

    /**
     * Returns what the role may read of an index. An index that no entry grants {@code read} on gets a query that
     * matches nothing and no visible field, so a caller that skipped {@link #check} still gets no document and no field.
     */
    @Override
    public IndexAccess forIndex(String index) {
        return forIndex(index, IndexAction.SEARCH);
    }

    /**
     * Returns the access to an index for an action: the document queries and field security of the entries that grant
     * the action on the index, combined as for {@link #forIndex(String)}.
     */
    public IndexAccess forIndex(String index, IndexAction action) {
        List<IndexPermission> readers = new ArrayList<>();
        for (IndexPermission entry : entries) {
            if (entry.check(action, index)) {
                readers.add(entry);
            }
        }
        if (readers.isEmpty()) {
            ObjectNode matchNone = JsonNodeFactory.instance.objectNode();
            matchNone.putObject("match_none");
            return new IndexAccess(List.of(matchNone), FieldSecurity.of(List.of("*"), List.of("*")));
        }
        return new IndexAccess(documentQuery(readers), fieldSecurity(readers));
    }

    private static List<JsonNode> documentQuery(List<IndexPermission> readers) {
        ArrayNode should = JsonNodeFactory.instance.arrayNode();
        for (IndexPermission reader : readers) {
            if (reader.query() == null) {
                return List.of();
            }
            should.add(reader.query());
        }
        if (should.size() == 1) {
            return List.of(should.get(0));
        }
        ObjectNode bool = JsonNodeFactory.instance.objectNode();
        bool.putObject("bool").set("should", should);
        return List.of(bool);
    }

    private static FieldSecurity fieldSecurity(List<IndexPermission> readers) {
        FieldSecurity union = readers.get(0).fieldSecurity();
        for (IndexPermission reader : readers.subList(1, readers.size())) {
            union = union.union(reader.fieldSecurity());
        }
        return union;
    }
}
