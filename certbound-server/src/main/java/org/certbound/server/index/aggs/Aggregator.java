package org.certbound.server.index.aggs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.apache.lucene.index.LeafReaderContext;

/**
 * Computes one aggregation over the documents that a search collects. The engine calls {@link #setLeaf} for each
 * segment of each index in turn, then {@link #collect} for each matching document of that segment.
 */
interface Aggregator {
    /** Prepares to read the doc values of a segment of the index that {@code shard} describes. */
    void setLeaf(LeafReaderContext leaf, ShardAggregationContext shard) throws IOException;

    /** Adds a document of the current segment. */
    void collect(int doc) throws IOException;

    /**
     * Returns the per-document step for the segment of the last {@link #setLeaf} call. The default calls
     * {@link #collect}; an aggregator overrides it with a step specialised for the segment.
     */
    default LeafAggregator leafAggregator() {
        return this::collect;
    }

    /** Returns the name of the aggregation in the request. */
    String name();

    /** Returns the type prefix of {@code typed_keys}, such as {@code sterms} or {@code avg}. */
    String typedName();

    /** Renders the result body, without the name. */
    ObjectNode render(boolean typedKeys);

    /**
     * Renders the mergeable form of the result: what {@link #merge} of another aggregator of the same spec needs to
     * reach the result that one aggregator over both sets of documents would have.
     */
    ObjectNode renderPartial();

    /**
     * Adds a partial form that {@link #renderPartial} of another cluster rendered for the same spec. Missing or
     * malformed parts count as empty.
     */
    void merge(JsonNode partial);
}
