/**
 * Index privileges, index name patterns, and document- and field-level security as the authorization layer applies
 * them to index and search actions.
 */
@NullMarked
package org.certbound.server.index.security;

import org.jspecify.annotations.NullMarked;
