package org.certbound.server.remote.transport;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns low-level connection failures into messages that name the address and what to check. */
final class TransportFailures {

    private static final String SERVER_HINT =
            "check that the remote node sets [remote_cluster_server.enabled: true] and that the address points"
                    + " at its [remote_cluster.port] (default 9443), not at its HTTP or transport port";

    private TransportFailures() {}

    static RemoteTransportException describe(String alias, InetSocketAddress address, Throwable cause) {
        if (cause instanceof RemoteTransportException known) {
            return known;
        }
        String target = address.getHostString() + ":" + address.getPort();
        Throwable root = unwrap(cause);
        String message;
        if (root instanceof ConnectTimeoutException) {
            message = "connecting to remote cluster [" + alias + "] at [" + target + "] timed out; " + SERVER_HINT;
        } else if (root instanceof ConnectException) {
            message = "connection to remote cluster [" + alias + "] at [" + target + "] was refused; " + SERVER_HINT;
        } else if (root instanceof NotSslRecordException) {
            message = "[" + target + "] of remote cluster [" + alias + "] did not respond with TLS, so it is not a"
                    + " remote cluster server port; " + SERVER_HINT;
        } else if (root instanceof ClientResponseHandler.NotRemoteClusterPortException) {
            message = "[" + target + "] of remote cluster [" + alias
                    + "] responded with HTTP but without the cross-cluster"
                    + " wire version header, so it is not a remote cluster server port; " + SERVER_HINT;
        } else if (root instanceof SSLHandshakeException || root instanceof SSLException) {
            message = "TLS handshake with remote cluster [" + alias + "] at [" + target + "] failed: "
                    + root.getMessage() + "; check [xpack.security.remote_cluster_client.ssl.certificate_authorities]"
                    + " and [xpack.security.remote_cluster_client.ssl.verification_mode]";
        } else if (root instanceof TimeoutException) {
            message = "remote cluster [" + alias + "] at [" + target + "] sent " + root.getMessage();
        } else if (root instanceof ClosedChannelException) {
            // An HTTP port that reads a TLS ClientHello as a bad request may reset the connection before its error
            // response arrives, so a close before any response is the usual sign of a wrong port.
            message = "remote cluster [" + alias + "] at [" + target + "] closed the connection before responding;"
                    + " a port that is not a remote cluster server port, such as the HTTP port, does this when it"
                    + " receives a TLS handshake, so " + SERVER_HINT;
        } else {
            message = "request to remote cluster [" + alias + "] at [" + target + "] failed: " + root;
        }
        return new RemoteTransportException(target, message, cause);
    }

    static boolean isClosedBeforeResponse(Throwable cause) {
        return unwrap(cause) instanceof ClosedChannelException;
    }

    private static Throwable unwrap(Throwable cause) {
        Throwable current = cause;
        while ((current instanceof DecoderException || current instanceof java.util.concurrent.CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        if (current instanceof SSLException && current.getCause() instanceof NotSslRecordException notSsl) {
            return notSsl;
        }
        return current;
    }
}
