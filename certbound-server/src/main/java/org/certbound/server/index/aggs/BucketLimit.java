package org.certbound.server.index.aggs;

import org.certbound.server.index.IndexException;

/**
 * The bucket budget of one search: every bucket that the search's aggregations create, at any depth and including
 * the empty buckets that {@code min_doc_count: 0} fills, takes one unit of it. One instance serves one request on
 * one thread, from the first collected document to the rendered result.
 *
 * <p>Security: the budget bounds the memory that one request can make a node spend on buckets, whatever the
 * interval, the nesting or the partial forms that remote clusters send. Checks run before a bucket is created, so a
 * request over the budget fails before it allocates the buckets.
 */
public final class BucketLimit {
    /** The setting that sets the budget, named in the failure. */
    public static final String SETTING = "search.max_buckets";

    /**
     * The memory one request's aggregations may hold, estimated: a quarter of the heap. Several aggregations over a
     * high-cardinality field each hold every distinct value while they collect, so the bucket count alone does not
     * bound memory.
     */
    static final long DEFAULT_MEMORY_BUDGET = Runtime.getRuntime().maxMemory() / 4;

    private final int max;
    private final long memoryBudget;
    private long count;
    private long bytes;

    /**
     * Creates the budget of one request, with a memory budget of a quarter of the heap.
     *
     * @param max the number of buckets the request may create, at least 1
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public BucketLimit(int max) {
        this(max, DEFAULT_MEMORY_BUDGET);
    }

    /**
     * Creates the budget of one request.
     *
     * @param max the number of buckets the request may create, at least 1
     * @param memoryBudget the estimated bytes the request's aggregations may hold
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    BucketLimit(int max, long memoryBudget) {
        if (max < 1) {
            throw new IllegalArgumentException("[" + SETTING + "] must be at least 1, got [" + max + "]");
        }
        this.max = max;
        this.memoryBudget = memoryBudget;
    }

    /**
     * Takes {@code more} estimated bytes from the memory budget.
     *
     * @throws IndexException {@code circuit_breaking_exception} (429) when they do not fit
     */
    void addBytes(long more) {
        if (!tryAddBytes(more)) {
            throw new IndexException(
                    429,
                    "circuit_breaking_exception",
                    "[request] Data too large: the aggregations of this request would hold more than [" + memoryBudget
                            + "] bytes, a quarter of the heap; aggregate fewer high-cardinality fields at once, use a"
                            + " smaller [shard_size], or narrow the query");
        }
    }

    /** Returns {@code released} estimated bytes that an aggregation no longer uses to the memory budget. */
    void releaseBytes(long released) {
        bytes = Math.max(0, bytes - released);
    }

    /** Takes {@code more} estimated bytes if they fit, and returns whether they did. */
    boolean tryAddBytes(long more) {
        if (more > memoryBudget - bytes) {
            return false;
        }
        bytes += more;
        return true;
    }

    /** Returns the number of buckets created so far. */
    public long count() {
        return count;
    }

    /** Returns the number of buckets that may still be created. */
    long remaining() {
        return max - count;
    }

    /**
     * Takes one bucket from the budget.
     *
     * @throws IndexException {@code too_many_buckets_exception} (400) when the budget is spent
     */
    void add() {
        add(1);
    }

    /**
     * Takes {@code more} buckets from the budget.
     *
     * @throws IndexException {@code too_many_buckets_exception} (400) when they do not fit
     */
    void add(long more) {
        ensureRoom(more);
        count += more;
    }

    /**
     * Checks that {@code more} buckets fit in the budget, without taking them.
     *
     * @throws IndexException {@code too_many_buckets_exception} (400) when they do not fit
     */
    void ensureRoom(long more) {
        if (more > max - count) {
            throw tooMany(more >= Long.MAX_VALUE - count ? Long.MAX_VALUE : count + more);
        }
    }

    private IndexException tooMany(long requested) {
        return new IndexException(
                400,
                "too_many_buckets_exception",
                "the aggregations of this request would create at least [" + requested
                        + "] buckets, more than the limit of ["
                        + max + "]; use a larger interval, a smaller [size] or fewer sub-aggregations, or raise the ["
                        + SETTING + "] setting");
    }
}
