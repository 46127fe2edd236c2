/** Search requests over one or more indices: parsing, sorting, paging, source filtering and response rendering. */
@NullMarked
package org.certbound.server.index.search;

import org.jspecify.annotations.NullMarked;
