/**
 * Wire types of the cross-cluster protocol: the header names, the allowlisted actions and the request as
 * the fulfilling side receives it.
 */
@NullMarked
package org.certbound.server.remote.wire;

import org.jspecify.annotations.NullMarked;
