package org.certbound.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.certbound.cli.certutil.IssuedCertificate;

/**
 * A TLS relay on 127.0.0.1 between the querying cluster and the fulfilling cluster's remote cluster port that records
 * every request passing through. It plays an attacker who sits on the network path and holds a certificate the
 * querying cluster trusts, which is what a replay needs: the captured headers and body, sent again.
 */
final class DemoRelay implements AutoCloseable {

    private final SSLServerSocket server;
    private final SSLContext upstreamContext;
    private final InetSocketAddress upstream;
    private final List<DemoWire.Message> captured = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private DemoRelay(SSLServerSocket server, SSLContext upstreamContext, InetSocketAddress upstream) {
        this.server = server;
        this.upstreamContext = upstreamContext;
        this.upstream = upstream;
    }

    /**
     * Starts a relay to {@code upstream}.
     *
     * @param certificate what the relay presents to the querying cluster
     * @param upstreamContext the client context for connections to the remote cluster port
     */
    static DemoRelay start(IssuedCertificate certificate, SSLContext upstreamContext, InetSocketAddress upstream)
            throws IOException {
        SSLServerSocket server = (SSLServerSocket) DemoWire.serverContext(certificate)
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        DemoRelay relay = new DemoRelay(server, upstreamContext, upstream);
        Thread acceptor = new Thread(relay::acceptLoop, "demo-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return relay;
    }

    /** Returns the port the relay listens on, on 127.0.0.1. */
    int port() {
        return server.getLocalPort();
    }

    /** Returns the first captured request for an action that carries the given header. */
    Optional<DemoWire.Message> firstRequest(String path, String header) {
        return captured.stream()
                .filter(m -> m.path().equals(path) && m.headers().containsKey(header))
                .findFirst();
    }

    /** Returns how many requests went through. */
    int capturedCount() {
        return captured.size();
    }

    @Override
    public void close() {
        closeQuietly(server);
        sockets.forEach(DemoRelay::closeQuietly);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> relay(client), "demo-relay-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket remote = DemoWire.connect(upstreamContext, upstream)) {
            sockets.add(remote);
            client.setSoTimeout(0);
            remote.setSoTimeout(0);
            Thread responses = new Thread(() -> pump(remote, client), "demo-relay-responses");
            responses.setDaemon(true);
            responses.start();
            InputStream in = client.getInputStream();
            OutputStream out = remote.getOutputStream();
            DemoWire.Message request;
            while ((request = DemoWire.read(in, false)) != null) {
                captured.add(request);
                DemoWire.write(out, request);
                out.flush();
            }
        } catch (IOException e) {
            // The querying cluster or the remote closed the connection; the relay has nothing to clean up.
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // One side closed the connection.
        } finally {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Closing during shutdown; nothing to report.
        }
    }
}
