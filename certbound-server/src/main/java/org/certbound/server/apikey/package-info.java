/**
 * API keys: REST API keys that authenticate users on the HTTP port, and cross-cluster API keys, optionally bound to a
 * certificate identity, that authenticate querying clusters on the remote cluster port.
 *
 * <p>Security: only a salted hash of each secret is stored, secrets are compared in constant time and zeroed after
 * use, and no secret appears in a log line, an exception message or a {@code toString}.
 */
@NullMarked
package org.certbound.server.apikey;

import org.jspecify.annotations.NullMarked;
