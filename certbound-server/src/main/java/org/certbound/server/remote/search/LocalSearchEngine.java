package org.certbound.server.remote.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.certbound.server.index.fieldcaps.IndexFieldCapabilities;
import org.certbound.server.remote.verify.IndexAccessControl;

/**
 * This node's search engine as cross-cluster search uses it: the index names, and search and count
 * over concrete, already authorized indices with document and field restrictions per index.
 *
 * <p>The index feature registers an implementation as a node service. The cross-cluster code resolves
 * and authorizes index expressions itself, so the engine never receives an index the caller may not read.
 */
public interface LocalSearchEngine {

    /** Returns the names of every index on this node. */
    Set<String> indexNames();

    /**
     * Runs a search.
     *
     * @param indices concrete index names, all authorized
     * @param body the {@code _search} body; its {@code from} and {@code size} are honoured as given
     * @param access the document query and field security of each index; an index without an entry is unrestricted
     * @return the response in Elasticsearch's shape, with raw {@code sort} values on each hit when the body sorts
     * @throws Exception on a bad request (rendered as the engine's error) or an engine failure
     */
    ObjectNode search(List<String> indices, JsonNode body, Map<String, IndexAccessControl> access) throws Exception;

    /**
     * Runs a search whose {@code aggregations} come back in the mergeable form of {@link
     * org.certbound.server.index.aggs.Aggregations#renderPartial()}, for a coordinator that merges them with other
     * clusters' aggregations. Hits are rendered as by {@link #search}.
     *
     * @param indices concrete index names, all authorized
     * @param body the {@code _search} body
     * @param access the restrictions of each index
     * @return the response with partial aggregations
     * @throws Exception on a bad request or an engine failure
     */
    ObjectNode searchWithPartialAggregations(
            List<String> indices, JsonNode body, Map<String, IndexAccessControl> access) throws Exception;

    /**
     * Reads the capabilities of the fields that match {@code fields} in each index.
     *
     * @param indices concrete index names, all authorized
     * @param fields the field patterns
     * @param access the restrictions of each index; a field that field level security hides is absent
     * @return one entry per index
     * @throws Exception on an engine failure
     */
    List<IndexFieldCapabilities> fieldCaps(
            List<String> indices, List<String> fields, Map<String, IndexAccessControl> access) throws Exception;

    /**
     * Counts the matching documents.
     *
     * @param indices concrete index names, all authorized
     * @param body the {@code _count} body, which may hold a {@code query}
     * @param access the restrictions of each index
     * @return {@code {"count":N,"_shards":{...}}}
     * @throws Exception on a bad request or an engine failure
     */
    ObjectNode count(List<String> indices, JsonNode body, Map<String, IndexAccessControl> access) throws Exception;
}
