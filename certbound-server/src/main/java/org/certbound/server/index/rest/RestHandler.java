package org.certbound.server.index.rest;

/** Handles the requests of one route: parses them, calls the engine and renders the result. */
@FunctionalInterface
public interface RestHandler {
    /**
     * Handles a request. Engine failures are returned as Elasticsearch's error body with their status, so the handler
     * only throws for bugs.
     */
    RestResponse handle(RestRequest request);
}
