package org.certbound.server.remote.transport;

/** How the querying side checks the remote cluster server's certificate ({@code ssl.verification_mode}). */
public enum VerificationMode {
    /** The chain must be trusted and the certificate must match the host name or {@code server_name}. */
    FULL,
    /** The chain must be trusted; the host name is not checked. */
    CERTIFICATE,
    /** Nothing is checked. Insecure: anyone on the path can pose as the remote cluster. */
    NONE
}
