/**
 * The security audit log: one JSON object a line in {@code <logs>/certbound_audit.json}, written when
 * {@code xpack.security.audit.enabled} is true.
 */
@NullMarked
package org.certbound.server.audit;

import org.jspecify.annotations.NullMarked;
