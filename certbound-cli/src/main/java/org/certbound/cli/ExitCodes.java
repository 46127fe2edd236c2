package org.certbound.cli;

/** Exit codes shared by the {@code certbound} tools. */
public final class ExitCodes {

    /** Success: the command did its work, the DN matched or the chain is trusted. */
    public static final int OK = 0;

    /** A negative result: no match, an untrusted chain, or a demo check that misbehaved. */
    public static final int NEGATIVE = 1;

    /** A usage or input error: a bad option, a missing or unreadable file, an invalid value. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
