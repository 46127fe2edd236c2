package org.certbound.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.certbound.cli.certutil.IssuedCertificate;
import org.certbound.server.remote.wire.CrossClusterHeaders;

/**
 * HTTP/1.1 over TLS to a remote cluster port, written by hand so that the demo can send a request exactly as it
 * chooses: a captured one again, or one signed with a certificate the querying cluster would not load.
 *
 * <p>Only what the remote cluster port speaks is supported: requests and responses framed by
 * {@code Content-Length}, or responses that end when the server closes the connection. Chunked bodies are rejected.
 */
final class DemoWire {

    private static final int MAX_HEAD_BYTES = 128 * 1024;
    private static final int SOCKET_TIMEOUT_MILLIS = 30_000;

    private DemoWire() {}

    /**
     * One HTTP message: a request ({@code startLine} {@code POST /_remote_cluster/<action> HTTP/1.1}) or a response.
     *
     * @param startLine the request line or status line
     * @param headers the header values by lowercase name
     * @param body the body bytes
     */
    record Message(String startLine, Map<String, String> headers, byte[] body) {

        /** Returns the path of a request line. */
        String path() {
            String[] parts = startLine.split(" ");
            return parts.length > 1 ? parts[1] : "";
        }

        /** Returns the status code of a status line, or -1. */
        int status() {
            String[] parts = startLine.split(" ");
            try {
                return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Returns a client context that trusts only {@code ca}. */
    static SSLContext clientContext(X509Certificate ca) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("failed to build the TLS client context: " + e.getMessage(), e);
        }
    }

    /** Returns a server context that presents {@code certificate}. */
    static SSLContext serverContext(IssuedCertificate certificate) throws IOException {
        try {
            char[] password = "demo-relay".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "relay",
                    certificate.privateKey(),
                    password,
                    certificate.chain().toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("failed to build the TLS server context: " + e.getMessage(), e);
        }
    }

    /** Opens a TLS connection that checks the server certificate against the host name or IP. */
    static SSLSocket connect(SSLContext context, InetSocketAddress address) throws IOException {
        SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(address.getHostString(), address.getPort());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
        socket.startHandshake();
        return socket;
    }

    /**
     * Sends one cross-cluster request on a new connection and returns the response.
     *
     * @param crossClusterHeaders the cross-cluster headers; any other name is dropped, as the server would reject it
     */
    static Message send(
            SSLContext context,
            InetSocketAddress address,
            String action,
            Map<String, String> crossClusterHeaders,
            byte[] body)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", address.getHostString() + ":" + address.getPort());
        headers.put("content-type", "application/json");
        headers.put("content-length", Integer.toString(body.length));
        headers.put("connection", "close");
        crossClusterHeaders.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (CrossClusterHeaders.CROSS_CLUSTER_HEADERS.contains(lower)) {
                headers.put(lower, value);
            }
        });
        try (SSLSocket socket = connect(context, address)) {
            OutputStream out = socket.getOutputStream();
            write(out, new Message("POST " + CrossClusterHeaders.pathOf(action) + " HTTP/1.1", headers, body));
            out.flush();
            Message response = read(socket.getInputStream(), true);
            if (response == null) {
                throw new IOException(
                        "the remote cluster port at [" + address + "] closed the connection without" + " a response");
            }
            return response;
        }
    }

    /** Writes a message with its headers in the given order. */
    static void write(OutputStream out, Message message) throws IOException {
        StringBuilder head = new StringBuilder(message.startLine()).append("\r\n");
        message.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(message.body());
    }

    /**
     * Reads one message, or returns null at the end of the stream before a start line.
     *
     * @param untilClose whether a message without {@code Content-Length} ends at the end of the stream (responses);
     *     otherwise it has no body (requests)
     */
    static Message read(InputStream in, boolean untilClose) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        List<String> lines = List.of(head.split("\r\n"));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IOException("chunked HTTP bodies are not supported: [" + lines.get(0) + "]");
        }
        String length = headers.get("content-length");
        byte[] body;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if (untilClose) {
            body = in.readAllBytes();
        } else {
            body = new byte[0];
        }
        return new Message(lines.get(0), headers, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the connection closed inside an HTTP message head");
            }
            head.write(next);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("HTTP message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            boolean expected = (matched % 2 == 0) ? next == '\r' : next == '\n';
            matched = expected ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }
}
