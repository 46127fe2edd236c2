/**
 * The fulfilling side of strong identity verification: trust configuration and the pipeline that authenticates,
 * verifies and authorizes every cross-cluster request before it runs.
 */
@NullMarked
package org.certbound.server.remote.verify;

import org.jspecify.annotations.NullMarked;
