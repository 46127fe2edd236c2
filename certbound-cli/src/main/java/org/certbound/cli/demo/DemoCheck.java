package org.certbound.cli.demo;

/**
 * One row of the demo's closing table.
 *
 * @param name what was tried, for example {@code cross-cluster search with a matching certificate}
 * @param expected the behaviour that counts as correct, for example {@code rejected: identity_mismatch}
 * @param outcome what happened
 * @param passed whether the outcome is the expected behaviour
 */
record DemoCheck(String name, String expected, String outcome, boolean passed) {}
