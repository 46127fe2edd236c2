package org.certbound.server.apikey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.certbound.server.index.IndexException;
import org.certbound.server.index.query.QueryDslParser;
import org.jspecify.annotations.Nullable;

/**
 * The {@code access} of a cross-cluster API key: index patterns the querying cluster may search, and index patterns
 * it may replicate, each turned into the fixed privileges of the {@code cross_cluster} role descriptor.
 *
 * <p>Parsing normalises the input (a {@code query} given as a JSON string becomes the object it encodes, absent
 * booleans become {@code false}), so {@link #toJson()} is a fixed point: parsing its output gives an equal value.
 */
public final class CrossClusterAccess {
    /** The name of the only role descriptor of a cross-cluster API key. */
    public static final String ROLE_NAME = "cross_cluster";

    static final List<String> SEARCH_PRIVILEGES = List.of("read", "read_cross_cluster", "view_index_metadata");
    static final List<String> REPLICATION_PRIVILEGES =
            List.of("cross_cluster_replication", "cross_cluster_replication_internal");

    private static final Set<String> ACCESS_FIELDS = Set.of("search", "replication");
    private static final Set<String> SEARCH_FIELDS =
            Set.of("names", "query", "field_security", "allow_restricted_indices");
    private static final Set<String> REPLICATION_FIELDS = Set.of("names", "allow_restricted_indices");
    private static final Set<String> FIELD_SECURITY_FIELDS = Set.of("grant", "except");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One entry of {@code access.search} or {@code access.replication}. */
    public record IndexAccess(
            List<String> names,
            @Nullable ObjectNode query,
            @Nullable FieldGrant fieldSecurity,
            boolean allowRestrictedIndices) {
        /** Copies the lists. */
        public IndexAccess {
            names = List.copyOf(names);
            query = query == null ? null : query.deepCopy();
        }
    }

    /** Field level security: the fields granted and the fields excepted from the grant. */
    public record FieldGrant(List<String> grant, List<String> except) {
        /** Copies the lists. */
        public FieldGrant {
            grant = List.copyOf(grant);
            except = List.copyOf(except);
        }
    }

    private final List<IndexAccess> search;
    private final List<IndexAccess> replication;

    private CrossClusterAccess(List<IndexAccess> search, List<IndexAccess> replication) {
        this.search = List.copyOf(search);
        this.replication = List.copyOf(replication);
    }

    /**
     * Parses and validates an {@code access} object.
     *
     * @throws IllegalArgumentException for an unknown field, a wrong type, no entries at all, an invalid index name,
     *     {@code privileges} given, or document or field level security where it is not supported
     */
    public static CrossClusterAccess parse(@Nullable JsonNode node) {
        ObjectNode access = JsonFields.object(node, "access", ACCESS_FIELDS);
        List<IndexAccess> search = entries(access, "search", SEARCH_FIELDS);
        List<IndexAccess> replication = entries(access, "replication", REPLICATION_FIELDS);
        if (search.isEmpty() && replication.isEmpty()) {
            throw new IllegalArgumentException(
                    "[access] must contain a non-empty [search] or [replication] list; give at least one index entry");
        }
        if (!replication.isEmpty()) {
            for (IndexAccess entry : search) {
                if (entry.query() != null || entry.fieldSecurity() != null) {
                    throw new IllegalArgumentException("[access.search] must not use [query] or [field_security] when "
                            + "[access.replication] is also given; create two keys, one for search with document "
                            + "or field level security and one for replication");
                }
            }
        }
        return new CrossClusterAccess(search, replication);
    }

    /** Returns the search entries. */
    public List<IndexAccess> search() {
        return search;
    }

    /** Returns the replication entries. */
    public List<IndexAccess> replication() {
        return replication;
    }

    /** Returns the cluster privileges that Elasticsearch grants for this access. */
    public List<String> clusterPrivileges() {
        List<String> cluster = new ArrayList<>();
        if (!search.isEmpty()) {
            cluster.add("cross_cluster_search");
            cluster.add("monitor_enrich");
        }
        if (!replication.isEmpty()) {
            cluster.add("cross_cluster_replication");
        }
        return List.copyOf(cluster);
    }

    /** Renders the access as GET returns it and update accepts it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        if (!search.isEmpty()) {
            ArrayNode array = json.putArray("search");
            search.forEach(entry -> array.add(entryJson(entry, null)));
        }
        if (!replication.isEmpty()) {
            ArrayNode array = json.putArray("replication");
            replication.forEach(entry -> array.add(entryJson(entry, null)));
        }
        return json;
    }

    /** Builds the {@code cross_cluster} role descriptor, in Elasticsearch's role descriptor JSON shape. */
    public ObjectNode toRoleDescriptor() {
        ObjectNode descriptor = JsonNodeFactory.instance.objectNode();
        ArrayNode cluster = descriptor.putArray("cluster");
        clusterPrivileges().forEach(cluster::add);
        ArrayNode indices = descriptor.putArray("indices");
        search.forEach(entry -> indices.add(entryJson(entry, SEARCH_PRIVILEGES)));
        replication.forEach(entry -> indices.add(entryJson(entry, REPLICATION_PRIVILEGES)));
        descriptor.putArray("applications");
        descriptor.putArray("run_as");
        descriptor.putObject("metadata");
        descriptor.putObject("transient_metadata").put("enabled", true);
        return descriptor;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CrossClusterAccess that
                && search.equals(that.search)
                && replication.equals(that.replication);
    }

    @Override
    public int hashCode() {
        return Objects.hash(search, replication);
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    private static ObjectNode entryJson(IndexAccess entry, @Nullable List<String> privileges) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ArrayNode names = json.putArray("names");
        entry.names().forEach(names::add);
        if (privileges != null) {
            ArrayNode array = json.putArray("privileges");
            privileges.forEach(array::add);
        }
        if (entry.query() != null) {
            json.set("query", entry.query().deepCopy());
        }
        if (entry.fieldSecurity() != null) {
            ObjectNode fls = json.putObject("field_security");
            ArrayNode grant = fls.putArray("grant");
            entry.fieldSecurity().grant().forEach(grant::add);
            ArrayNode except = fls.putArray("except");
            entry.fieldSecurity().except().forEach(except::add);
        }
        json.put("allow_restricted_indices", entry.allowRestrictedIndices());
        return json;
    }

    private static List<IndexAccess> entries(ObjectNode access, String kind, Set<String> allowed) {
        JsonNode value = access.get(kind);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw JsonFields.wrongType("access", kind, "an array of index entries", value);
        }
        List<IndexAccess> entries = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            entries.add(entry(item, "access." + kind, allowed));
        }
        return entries;
    }

    private static IndexAccess entry(JsonNode item, String where, Set<String> allowed) {
        if (item.isObject() && item.has("privileges")) {
            throw new IllegalArgumentException("[" + where + "] must not set [privileges]; cross-cluster API keys "
                    + "grant fixed privileges for search and for replication");
        }
        if (item.isObject() && !allowed.contains("query") && (item.has("query") || item.has("field_security"))) {
            throw new IllegalArgumentException("[" + where + "] does not support document or field level security; "
                    + "remove [query] and [field_security]");
        }
        ObjectNode object = JsonFields.object(item, where, allowed);
        List<String> names = IndexNamePatterns.validate(where, JsonFields.stringList(object, where, "names"));
        ObjectNode query = query(object.get("query"), where);
        FieldGrant fieldSecurity = fieldSecurity(object.get("field_security"), where);
        boolean allowRestricted = JsonFields.optionalBoolean(object, where, "allow_restricted_indices", false);
        return new IndexAccess(names, query, fieldSecurity, allowRestricted);
    }

    private static @Nullable ObjectNode query(@Nullable JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            return checked((ObjectNode) value, where);
        }
        if (!value.isTextual()) {
            throw JsonFields.wrongType(where, "query", "an object or a JSON string", value);
        }
        // A query given as a string is stored as the object it encodes, so both forms give the same key.
        try {
            JsonNode parsed = MAPPER.readTree(value.textValue());
            if (parsed != null && parsed.isObject()) {
                return checked((ObjectNode) parsed, where);
            }
        } catch (IOException e) {
            // Reported below with the field name.
        }
        throw new IllegalArgumentException("[" + where + ".query] is a string but not a JSON object: ["
                + value.textValue() + "]; give the query as an object or as a string holding one");
    }

    // A query that no search could run is rejected when the key is defined, not at every later search.
    private static ObjectNode checked(ObjectNode query, String where) {
        try {
            QueryDslParser.validate(query);
        } catch (IndexException e) {
            throw new IllegalArgumentException("[" + where + ".query] is not a valid query: " + e.reason());
        }
        return query;
    }

    private static @Nullable FieldGrant fieldSecurity(@Nullable JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        String path = where + ".field_security";
        ObjectNode object = JsonFields.object(value, path, FIELD_SECURITY_FIELDS);
        List<String> grant = object.has("grant") ? JsonFields.stringList(object, path, "grant") : List.of("*");
        List<String> except = JsonFields.stringList(object, path, "except");
        return new FieldGrant(grant, except);
    }
}
