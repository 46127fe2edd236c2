/** JMH benchmarks and the end-to-end load driver. */
package org.certbound.benchmarks;
