package org.certbound.server.store;

/** A conditional write whose expected version did not match the stored one. */
public final class VersionConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String collection;
    private final String id;
    private final long expectedVersion;
    private final long actualVersion;

    /** Creates the exception; {@code actualVersion} is 0 when the document does not exist. */
    public VersionConflictException(String collection, String id, long expectedVersion, long actualVersion) {
        super("version conflict on [" + collection + "/" + id + "]: expected version [" + expectedVersion
                + "] but the stored version is [" + actualVersion + "]; read the document again and retry");
        this.collection = collection;
        this.id = id;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /** Returns the collection. */
    public String collection() {
        return collection;
    }

    /** Returns the document id. */
    public String id() {
        return id;
    }

    /** Returns the version the writer expected, 0 for "must not exist". */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** Returns the stored version, 0 when the document does not exist. */
    public long actualVersion() {
        return actualVersion;
    }
}
