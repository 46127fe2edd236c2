package org.certbound.server.remote.transport;

import io.netty.handler.ssl.ClientAuth;

/** Whether the remote cluster server asks for a TLS client certificate ({@code ssl.client_authentication}). */
public enum ClientAuthentication {
    /** No client certificate is requested. */
    NONE(ClientAuth.NONE),
    /** A client certificate is requested and, when sent, must be trusted. */
    OPTIONAL(ClientAuth.OPTIONAL),
    /** A trusted client certificate is required. */
    REQUIRED(ClientAuth.REQUIRE);

    private final ClientAuth netty;

    ClientAuthentication(ClientAuth netty) {
        this.netty = netty;
    }

    ClientAuth toNetty() {
        return netty;
    }
}
