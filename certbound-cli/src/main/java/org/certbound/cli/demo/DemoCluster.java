package org.certbound.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.node.Node;

/**
 * One demo cluster: a single node in its own process, with its config, data and logs directories under the demo's
 * work directory.
 */
final class DemoCluster implements AutoCloseable {

    /** The main class a node process runs. */
    static final String NODE_MAIN = "org.certbound.server.node.NodeMain";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Path home;
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final CertboundKeystore keystore = CertboundKeystore.create();
    private Process process;
    private Map<String, InetSocketAddress> addresses = Map.of();

    DemoCluster(String name, Path workDir) throws IOException {
        this.name = name;
        this.home = workDir.resolve(name);
        Files.createDirectories(configDir());
        Files.createDirectories(dataDir());
        Files.createDirectories(logsDir());
        setting("cluster.name", name);
        setting("node.name", name + "-1");
        setting("http.host", "127.0.0.1");
        setting("http.port", 0);
    }

    String name() {
        return name;
    }

    Path configDir() {
        return home.resolve("config");
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path logsDir() {
        return home.resolve("logs");
    }

    /** Sets a static setting for {@code certbound.yml}; the value is a string, number, boolean or list. */
    void setting(String key, Object value) {
        settings.put(key, value);
    }

    /** Returns the {@code certbound.yml} lines for the given keys, as the demo prints them. */
    List<String> settingLines(List<String> keys) {
        List<String> lines = new ArrayList<>();
        for (String key : keys) {
            lines.add(key + ": " + yamlValue(settings.get(key)));
        }
        return lines;
    }

    /** Adds a string to the keystore, as {@code certbound keystore add KEY} does. */
    void keystoreString(String key, char[] value) {
        keystore.setString(key, value);
    }

    /** Writes {@code certbound.yml} and the keystore. */
    void writeConfig() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by certbound demo.");
        lines.addAll(settingLines(List.copyOf(settings.keySet())));
        Files.write(configDir().resolve("certbound.yml"), lines, StandardCharsets.UTF_8);
        writeKeystore();
    }

    /** Writes the keystore, as {@code certbound keystore add} does; a running node reads it on a reload. */
    void writeKeystore() throws IOException {
        try {
            keystore.save(configDir(), new char[0]);
        } catch (KeystoreException e) {
            throw new IOException("failed to write the keystore of [" + name + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the node process and waits until it publishes its HTTP address.
     *
     * @throws IOException when the process exits or does not publish an address within {@code timeout}; the
     *     message ends with the tail of the node's output
     */
    void start(Duration timeout) throws IOException, InterruptedException {
        Files.deleteIfExists(Node.portsFile(dataDir()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NODE_MAIN));
        command.addAll(
                List.of("--config", configDir().toString(), "--data", dataDir().toString()));
        command.addAll(List.of("--logs", logsDir().toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logsDir().resolve("console.log").toFile())
                .start();
        process.getOutputStream().close();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Map<String, InetSocketAddress>> published = readPorts();
            if (published.isPresent() && published.get().containsKey("http")) {
                addresses = published.get();
                return;
            }
            if (!process.isAlive()) {
                throw new IOException(
                        "node [" + name + "] exited with status " + process.exitValue() + ": " + consoleTail());
            }
            Thread.sleep(100);
        }
        throw new IOException("node [" + name + "] did not publish its HTTP address within " + timeout.toSeconds()
                + " s: " + consoleTail());
    }

    /** Returns the HTTP base URI. */
    URI httpUri() {
        InetSocketAddress http = addresses.get("http");
        return URI.create("http://" + http.getHostString() + ":" + http.getPort());
    }

    /** Returns a published address such as {@code remote_cluster}, once the node runs. */
    Optional<InetSocketAddress> address(String addressName) {
        return Optional.ofNullable(addresses.get(addressName));
    }

    /** Returns whether the node process runs. */
    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Returns the process id of the node, or -1 before it starts. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Stops the node with SIGTERM and waits up to ten seconds before killing it. */
    @Override
    public void close() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Returns the last lines of the node's console output, for error messages. */
    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(logsDir().resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    private Optional<Map<String, InetSocketAddress>> readPorts() throws IOException {
        Path file = Node.portsFile(dataDir());
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, InetSocketAddress> result = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            int colon = line.lastIndexOf(':');
            if (equals > 0 && colon > equals) {
                String host = line.substring(equals + 1, colon).replace("[", "").replace("]", "");
                int port = Integer.parseInt(line.substring(colon + 1).strip());
                result.put(line.substring(0, equals).strip(), InetSocketAddress.createUnresolved(host, port));
            }
        }
        return Optional.of(result);
    }

    private static String yamlValue(Object value) {
        try {
            // JSON scalars and arrays are valid YAML flow values, and quoting every string avoids YAML's surprises.
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("setting value [" + value + "] cannot be written", e);
        }
    }
}
