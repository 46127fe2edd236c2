package org.certbound.server.rest;

/**
 * Handles one REST route. Handlers run on the node's worker pool, never on a network thread, so they may block.
 *
 * <p>An {@link org.certbound.server.common.ApiException} becomes its error response, an
 * {@link IllegalArgumentException} a 400 {@code illegal_argument_exception}, and anything else a 500 with a
 * generic reason.
 */
@FunctionalInterface
public interface RestHandler {

    /** Handles {@code request} and returns the response. */
    RestResponse handle(RestRequest request) throws Exception;
}
