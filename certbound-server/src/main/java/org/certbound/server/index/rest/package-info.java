/**
 * REST route handlers of the index and search APIs, written against a small request and response interface that the
 * node's HTTP layer adapts.
 */
@NullMarked
package org.certbound.server.index.rest;

import org.jspecify.annotations.NullMarked;
