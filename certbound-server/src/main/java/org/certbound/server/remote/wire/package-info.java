/**
 * Wire types of the cross-cluster protocol: the request as the fulfilling cluster receives it, the
 * response, the HTTP header names and the allowlist of cross-cluster actions.
 *
 * <p>Between clusters certbound speaks HTTP/1.1 over TLS on the remote cluster port. Every request is
 * {@code POST /_remote_cluster/<action>} with a JSON body and the headers named in {@link
 * org.certbound.server.remote.wire.CrossClusterHeaders}; docs/wire-format.md describes the format.
 */
@NullMarked
package org.certbound.server.remote.wire;

import org.jspecify.annotations.NullMarked;
