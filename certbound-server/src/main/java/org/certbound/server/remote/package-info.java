/**
 * Remote clusters on the querying side: per-alias configuration and connections, the handshake, the
 * cross-cluster credentials and signing of every request, and the {@code GET /_remote/info} report.
 */
@NullMarked
package org.certbound.server.remote;

import org.jspecify.annotations.NullMarked;
