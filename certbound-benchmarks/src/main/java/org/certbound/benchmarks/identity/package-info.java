/** JMH benchmarks of request signing, verification and chain validation in {@code certbound-identity}. */
package org.certbound.benchmarks.identity;
