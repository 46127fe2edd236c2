/** Aggregations computed from doc values: bucket aggregations with sub-aggregations, and metrics. */
@NullMarked
package org.certbound.server.index.aggs;

import org.jspecify.annotations.NullMarked;
