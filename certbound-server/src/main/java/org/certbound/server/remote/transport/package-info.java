/**
 * The remote cluster transport: the TLS HTTP/1.1 server on {@code remote_cluster.port} that serves
 * cross-cluster requests, and the pooled, persistent client connections the querying side uses.
 *
 * <p>Neither side interprets a request: the server checks the framing (method, path, allowlisted
 * action, allowlisted headers) and hands a {@link org.certbound.server.remote.wire.CrossClusterRequest}
 * to a {@link org.certbound.server.remote.transport.CrossClusterRequestDispatcher}; the client sends
 * the headers and body it is given.
 */
@NullMarked
package org.certbound.server.remote.transport;

import org.jspecify.annotations.NullMarked;
