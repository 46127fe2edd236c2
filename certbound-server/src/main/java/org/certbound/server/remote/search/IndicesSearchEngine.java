package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.index.IndicesService;
import org.certbound.server.index.fieldcaps.FieldCapabilitiesService;
import org.certbound.server.index.fieldcaps.IndexFieldCapabilities;
import org.certbound.server.index.search.SearchParameters;
import org.certbound.server.index.search.SearchService;
import org.certbound.server.index.security.FieldSecurity;
import org.certbound.server.index.security.IndexAccess;
import org.certbound.server.index.security.IndexAccessControl;

/**
 * {@link LocalSearchEngine} over this node's Lucene indices: it translates each index's verified
 * restrictions into the engine's document queries and field security.
 *
 * <p>Security: an empty index list yields an empty response without calling the engine, because the
 * engine reads an empty expression as "every index".
 */
public final class IndicesSearchEngine implements LocalSearchEngine {

    private final IndicesService indices;
    private final SearchService search;
    private final FieldCapabilitiesService fieldCaps;

    /**
     * Creates the adapter with the default of {@code search.max_buckets}.
     *
     * @param indices the node's indices
     */
    public IndicesSearchEngine(IndicesService indices) {
        this(indices, new SearchService(indices));
    }

    /**
     * Creates the adapter.
     *
     * @param indices the node's indices
     * @param search the search service over {@code indices}, with the node's {@code search.max_buckets}
     */
    public IndicesSearchEngine(IndicesService indices, SearchService search) {
        this.indices = indices;
        this.search = search;
        this.fieldCaps = new FieldCapabilitiesService(indices);
    }

    @Override
    public Set<String> indexNames() {
        Set<String> names = new LinkedHashSet<>();
        indices.catIndices(null).forEach(row -> names.add(row.path("index").asText()));
        return names;
    }

    @Override
    public ObjectNode search(
            List<String> names,
            JsonNode body,
            Map<String, org.certbound.server.remote.verify.IndexAccessControl> access) {
        if (names.isEmpty()) {
            return emptySearch();
        }
        return search.search(String.join(",", names), body, SearchParameters.NONE, translate(access));
    }

    @Override
    public ObjectNode searchWithPartialAggregations(
            List<String> names,
            JsonNode body,
            Map<String, org.certbound.server.remote.verify.IndexAccessControl> access) {
        if (names.isEmpty()) {
            return emptySearch();
        }
        return search.searchWithPartialAggregations(
                String.join(",", names), body, SearchParameters.NONE, translate(access));
    }

    @Override
    public List<IndexFieldCapabilities> fieldCaps(
            List<String> names,
            List<String> fields,
            Map<String, org.certbound.server.remote.verify.IndexAccessControl> access) {
        return fieldCaps.collect(names, fields, translate(access));
    }

    @Override
    public ObjectNode count(
            List<String> names,
            JsonNode body,
            Map<String, org.certbound.server.remote.verify.IndexAccessControl> access) {
        if (names.isEmpty()) {
            ObjectNode empty = JsonNodeFactory.instance.objectNode();
            empty.put("count", 0);
            empty.set("_shards", shards());
            return empty;
        }
        return search.count(String.join(",", names), body, SearchParameters.NONE, translate(access));
    }

    private static IndexAccessControl translate(
            Map<String, org.certbound.server.remote.verify.IndexAccessControl> access) {
        return index -> {
            org.certbound.server.remote.verify.IndexAccessControl control = access.get(index);
            if (control == null) {
                return IndexAccess.UNRESTRICTED;
            }
            List<JsonNode> queries = control.documentQuery().map(List::of).orElse(List.of());
            FieldSecurity fields = FieldSecurity.UNRESTRICTED;
            for (List<org.certbound.server.security.FieldSecurity> level : control.fieldSecurityLevels()) {
                FieldSecurity levelFields = null;
                for (org.certbound.server.security.FieldSecurity grant : level) {
                    FieldSecurity one = FieldSecurity.of(grant.grant(), grant.except());
                    levelFields = levelFields == null ? one : levelFields.union(one);
                }
                if (levelFields != null) {
                    fields = fields.intersect(levelFields);
                }
            }
            return new IndexAccess(queries, fields);
        };
    }

    private static ObjectNode emptySearch() {
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("took", 0);
        response.put("timed_out", false);
        response.set("_shards", shards());
        ObjectNode hits = response.putObject("hits");
        hits.putObject("total").put("value", 0).put("relation", "eq");
        hits.putNull("max_score");
        hits.putArray("hits");
        return response;
    }

    private static ObjectNode shards() {
        ObjectNode shards = JsonNodeFactory.instance.objectNode();
        shards.put("total", 0);
        shards.put("successful", 0);
        shards.put("skipped", 0);
        shards.put("failed", 0);
        return shards;
    }
}
