/**
 * The document store and search engine of a node: Lucene indices with Elasticsearch's index, document, bulk and
 * search APIs, taking and returning Jackson JSON trees. {@link org.certbound.server.index.IndicesService} is the entry
 * point.
 */
@NullMarked
package org.certbound.server.index;

import org.jspecify.annotations.NullMarked;
