/**
 * Benchmarks of the index and search engine against bare Lucene doing the same work on the same sample data: bulk
 * indexing throughput, and search latency and throughput per query shape.
 */
package org.certbound.benchmarks.index;
