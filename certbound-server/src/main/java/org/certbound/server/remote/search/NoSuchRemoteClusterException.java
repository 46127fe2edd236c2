package org.certbound.server.remote.search;

/** An index expression names a remote cluster alias that is not configured. */
public final class NoSuchRemoteClusterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String alias;

    /**
     * Creates the exception.
     *
     * @param alias the unknown alias
     */
    public NoSuchRemoteClusterException(String alias) {
        super("no such remote cluster: [" + alias + "]; configure it with [cluster.remote." + alias
                + ".mode] and its [seeds] or [proxy_address]");
        this.alias = alias;
    }

    /** Returns the unknown alias. */
    public String alias() {
        return alias;
    }
}
