/**
 * The querying side of strong identity verification: per remote cluster alias, the certificate and private key that
 * sign every cross-cluster request, loaded from settings, validated in full on every update and reloaded when the
 * files change.
 */
@NullMarked
package org.certbound.server.remote.signing;

import org.jspecify.annotations.NullMarked;
