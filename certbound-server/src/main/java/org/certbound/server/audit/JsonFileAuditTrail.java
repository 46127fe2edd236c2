package org.certbound.server.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to a file, one JSON object a line, flushed after every line.
 *
 * <p>The file is opened in append mode when auditing is enabled and closed when it is disabled, so an operator can
 * rotate it by moving it away while auditing is off. Keys are flat and dotted, in a fixed order: {@code @timestamp},
 * {@code event.action}, {@code event.origin}, {@code reason_code}, {@code reason}, {@code request.id}, {@code action},
 * {@code origin.address}, {@code user.name}, {@code apikey.id}, {@code index}, {@code certificate.dn},
 * {@code certificate.sha256}, {@code signature.algorithm}. Absent values are left out.
 */
public final class JsonFileAuditTrail implements AuditTrail, AutoCloseable {

    /** The file name under the logs directory. */
    public static final String FILE_NAME = "certbound_audit.json";

    private static final Logger LOG = LoggerFactory.getLogger(JsonFileAuditTrail.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Object lock = new Object();
    private @Nullable BufferedWriter writer;
    private volatile boolean enabled;

    /**
     * Creates a disabled trail that writes to {@code file} once enabled.
     *
     * @param file the audit file
     */
    public JsonFileAuditTrail(Path file) {
        this.file = file;
    }

    /**
     * Creates a disabled trail that writes {@value #FILE_NAME} in {@code logsDir}.
     *
     * @param logsDir the node's logs directory
     * @return the trail
     */
    public static JsonFileAuditTrail inLogsDir(Path logsDir) {
        return new JsonFileAuditTrail(logsDir.resolve(FILE_NAME));
    }

    /** Returns the file this trail writes. */
    public Path file() {
        return file;
    }

    /** Returns whether events are written. */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Enables or disables writing; disabling closes the file.
     *
     * @param value true to write events
     */
    public void setEnabled(boolean value) {
        synchronized (lock) {
            if (value == enabled) {
                return;
            }
            enabled = value;
            if (!value) {
                closeWriter();
            }
            LOG.info("security audit log [{}] is now [{}]", file, value ? "enabled" : "disabled");
        }
    }

    @Override
    public void record(AuditEvent event) {
        if (!enabled) {
            return;
        }
        String line = toJsonLine(event);
        synchronized (lock) {
            if (!enabled) {
                return;
            }
            try {
                BufferedWriter out = openWriter();
                out.write(line);
                out.newLine();
                out.flush();
            } catch (IOException e) {
                // Reopen on the next event: the file may have been moved or its disk filled.
                closeWriter();
                LOG.warn("failed to write the security audit log [{}]: [{}]", file, e.toString());
            }
        }
    }

    @Override
    public void close() {
        setEnabled(false);
    }

    /**
     * Renders {@code event} as one JSON object without a line break.
     *
     * @param event the event
     * @return the JSON text
     */
    static String toJsonLine(AuditEvent event) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("@timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
            json.writeStringField("event.action", event.type().action());
            json.writeStringField("event.origin", event.origin());
            writeIfPresent(json, "reason_code", event.reasonCode());
            writeIfPresent(json, "reason", event.reason());
            json.writeStringField("request.id", event.requestId());
            json.writeStringField("action", event.action());
            writeIfPresent(json, "origin.address", formatAddress(event.originAddress()));
            writeIfPresent(json, "user.name", event.userName());
            writeIfPresent(json, "apikey.id", event.apiKeyId());
            writeIfPresent(json, "index", event.index());
            writeCertificate(json, event.certificate());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to render an audit event as JSON", e);
        }
        return text.toString();
    }

    private static void writeCertificate(JsonGenerator json, @Nullable AuditCertificate certificate)
            throws IOException {
        if (certificate == null) {
            return;
        }
        json.writeStringField("certificate.dn", certificate.dn());
        json.writeStringField("certificate.sha256", certificate.sha256());
        if (!certificate.signatureAlgorithm().isEmpty()) {
            json.writeStringField("signature.algorithm", certificate.signatureAlgorithm());
        }
    }

    private static void writeIfPresent(JsonGenerator json, String key, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, value);
        }
    }

    private static @Nullable String formatAddress(@Nullable InetSocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
    }

    private BufferedWriter openWriter() throws IOException {
        BufferedWriter current = writer;
        if (current != null) {
            return current;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter opened = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        writer = opened;
        return opened;
    }

    private void closeWriter() {
        BufferedWriter current = writer;
        writer = null;
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            LOG.warn("failed to close the security audit log [{}]: [{}]", file, e.toString());
        }
    }
}
