/** The certbound node and its features, one package per feature. */
@NullMarked
package org.certbound.server;

import org.jspecify.annotations.NullMarked;
