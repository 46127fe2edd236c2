/** Index mappings: field types, dynamic mapping, date formats and the conversion of JSON documents to Lucene. */
@NullMarked
package org.certbound.server.index.mapping;

import org.jspecify.annotations.NullMarked;
