package org.certbound.server.index.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One hit of a search.
 *
 * @param index the index name
 * @param id the document id
 * @param score the score, or NaN when the search sorted by a field without {@code track_scores}
 * @param version the document version, or -1 when not requested
 * @param source the filtered source, or null when not returned
 * @param sortValues the raw sort values (strings, longs, doubles, floats, ints or nulls), empty when sorting by score
 *     only. A coordinator merges the hits of several clusters by these values.
 */
public record SearchHit(
        String index,
        String id,
        float score,
        long version,
        @Nullable JsonNode source,
        List<Object> sortValues) {
    /** Creates a hit, copying the sort values, which may contain nulls. */
    public SearchHit {
        sortValues = Collections.unmodifiableList(new ArrayList<>(sortValues));
    }
}
