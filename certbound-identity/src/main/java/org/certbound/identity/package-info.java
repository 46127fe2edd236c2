/**
 * Key material, trust, request signing and verification, and certificate identity patterns for strong
 * identity verification between clusters. This package depends on no part of the server.
 */
@NullMarked
package org.certbound.identity;

import org.jspecify.annotations.NullMarked;
