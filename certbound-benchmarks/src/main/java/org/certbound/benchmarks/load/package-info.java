/** The end-to-end load driver of cross-cluster search: local, cross-cluster unsigned and signed, in one run. */
package org.certbound.benchmarks.load;
