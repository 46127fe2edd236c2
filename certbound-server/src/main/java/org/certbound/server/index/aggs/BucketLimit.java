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

    private final int max;
    private long count;

    /**
     * Creates the budget of one request.
     *
     * @param max the number of buckets the request may create, at least 1
     * @throws IllegalArgumentException when {@code max} is below 1
     */
    public BucketLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("[" + SETTING + "] must be at least 1, got [" + max + "]");
        }
        this.max = max;
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
