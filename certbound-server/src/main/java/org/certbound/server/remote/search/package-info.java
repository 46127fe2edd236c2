/**
 * Cross-cluster search and count: splitting index expressions by cluster, fanning out to the remote
 * clusters, merging hits by score or sort, the {@code _clusters} section, {@code _resolve/cluster},
 * and the fulfilling side's execution of search actions with the verified permissions.
 */
@NullMarked
package org.certbound.server.remote.search;

import org.jspecify.annotations.NullMarked;
