package org.certbound.server.index.aggs;

import org.certbound.server.index.IndexException;
import org.certbound.server.index.mapping.FieldMapping;
import org.certbound.server.index.mapping.FieldType;
import org.certbound.server.index.query.QueryContext;
import org.jspecify.annotations.Nullable;

/** The index being collected, as aggregations see it: the mappings of its visible fields. */
public final class ShardAggregationContext {
    private final QueryContext context;

    /** Creates a context over the query context of one index, so hidden fields stay hidden. */
    public ShardAggregationContext(QueryContext context) {
        this.context = context;
    }

    /**
     * Returns the mapping of an aggregated field, or null when it is unmapped or hidden.
     *
     * @throws IndexException {@code illegal_argument_exception} for a {@code text} or {@code object} field, which has
     *     no doc values
     */
    @Nullable
    FieldMapping field(String path) {
        FieldMapping mapping = context.field(path);
        if (mapping != null && (mapping.type() == FieldType.TEXT || mapping.type() == FieldType.OBJECT)) {
            throw IndexException.illegalArgument("Fielddata is disabled on [" + path + "] in [" + context.index()
                    + "]. Text fields are not optimised for operations that require per-document field data like"
                    + " aggregations and sorting, so these operations are disabled by default. Please use a keyword"
                    + " field instead.");
        }
        return mapping;
    }
}
