package org.certbound.server.index.query;

import org.certbound.server.index.IndexException;

/** Elasticsearch's {@code minimum_should_match}: a count or a percentage, negative meaning "all but". */
final class MinimumShouldMatch {
    private MinimumShouldMatch() {}

    /**
     * Resolves a specification against the number of optional clauses.
     *
     * @throws IndexException {@code parsing_exception} naming the query for a malformed specification
     */
    static int resolve(String query, String spec, int optionalClauses) {
        String text = spec.trim();
        int result;
        try {
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                int count = optionalClauses * Math.abs(percent) / 100;
                result = percent < 0 ? optionalClauses - count : count;
            } else {
                int count = Integer.parseInt(text);
                result = count < 0 ? optionalClauses + count : count;
            }
        } catch (NumberFormatException e) {
            throw IndexException.parsing("[" + query + "] query malformed, [minimum_should_match] must be a"
                    + " whole number or a percentage such as 75%, found [" + spec + "]");
        }
        return Math.max(0, result);
    }
}
