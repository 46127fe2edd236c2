/**
 * Field capabilities ({@code _field_caps}): the type of each field in each index, whether it is searchable and
 * aggregatable, and the response that merges them over indices and clusters.
 */
@NullMarked
package org.certbound.server.index.fieldcaps;

import org.jspecify.annotations.NullMarked;
