/** A seeded generator of web access log documents for demos and benchmarks. */
@NullMarked
package org.certbound.server.index.sample;

import org.jspecify.annotations.NullMarked;
