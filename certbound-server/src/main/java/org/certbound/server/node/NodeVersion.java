package org.certbound.server.node;

/** The versions the node reports. */
public final class NodeVersion {

    /** The certbound version from the jar manifest, or {@code dev} when run from classes. */
    public static final String CERTBOUND = version();

    /** The Elasticsearch version whose REST API this node follows, reported by {@code GET /}. */
    public static final String ELASTICSEARCH_COMPATIBLE = "9.3.0";

    /** The Lucene version of the index engine. */
    public static final String LUCENE = org.apache.lucene.util.Version.LATEST.toString();

    private NodeVersion() {}

    private static String version() {
        String version = NodeVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
