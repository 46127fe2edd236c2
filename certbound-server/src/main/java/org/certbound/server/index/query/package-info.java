/** The query DSL: translation of Elasticsearch's JSON queries into Lucene queries. */
@NullMarked
package org.certbound.server.index.query;

import org.jspecify.annotations.NullMarked;
