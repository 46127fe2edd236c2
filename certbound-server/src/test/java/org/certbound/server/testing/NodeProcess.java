package org.certbound.server.testing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.certbound.server.keystore.CertboundKeystore;
import org.certbound.server.keystore.KeystoreException;
import org.certbound.server.node.NodeMain;
import org.certbound.server.security.file.FileUsers;

/**
 * Starts a real node process for integration tests: it writes a config directory, launches
 * {@link NodeMain} with the test class path on a free loopback port, waits for {@code <data>/node.ports} and
 * stops the process with SIGTERM (or SIGKILL).
 *
 * <p>Every node has the superuser {@link #ADMIN_USER}. Typical use:
 *
 * <pre>{@code
 * try (NodeProcess node = NodeProcess.builder(tempDir).setting("cluster.name", "qc").build().start()) {
 *     ElasticsearchClient client = node.client();
 * }
 * }</pre>
 */
public final class NodeProcess implements AutoCloseable {

    /** The superuser every node has. */
    public static final String ADMIN_USER = "admin";

    /** The password of {@link #ADMIN_USER}. */
    public static final String ADMIN_PASSWORD = "admin-password";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path baseDir;
    private final Map<String, String> environment;
    private final List<String> extraJvmArgs;
    private Process process;
    private Map<String, String> published = Map.of();
    private int starts;

    private NodeProcess(Builder builder) {
        this.baseDir = builder.baseDir;
        this.environment = Map.copyOf(builder.environment);
        this.extraJvmArgs = List.copyOf(builder.jvmArgs);
    }

    /** Starts a builder whose node lives in {@code baseDir} ({@code config/}, {@code data/}, {@code logs/}). */
    public static Builder builder(Path baseDir) {
        return new Builder(baseDir);
    }

    /**
     * Launches the node and waits until it publishes its HTTP address.
     *
     * @throws IllegalStateException when the process exits or does not publish its address in time; the message
     *     ends with the process output
     */
    public synchronized NodeProcess start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the node is already running");
        }
        Files.deleteIfExists(portsFile());
        starts++;
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(NodeMain.class.getName());
        command.addAll(
                List.of("--config", configDir().toString(), "--data", dataDir().toString()));
        command.addAll(List.of("--logs", logsDir().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile().toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        process.getOutputStream().close();
        waitForPorts();
        return this;
    }

    private void waitForPorts() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(portsFile())) {
                published = readPorts();
                if (published.containsKey("http")) {
                    return;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the node exited with status [" + process.exitValue() + "] during startup:\n" + output());
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException(
                "the node did not publish its HTTP address within " + START_TIMEOUT + ":\n" + output());
    }

    private Map<String, String> readPorts() throws IOException {
        Map<String, String> ports = new LinkedHashMap<>();
        for (String line : Files.readAllLines(portsFile(), StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                ports.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return ports;
    }

    /** Sends SIGTERM and waits for the process to exit; returns its exit status. */
    public synchronized int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("the node did not stop within " + STOP_TIMEOUT + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** Sends SIGKILL, as {@code kill -9} does, and waits for the process to exit. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Stops the node with SIGTERM and starts it again with the same directories. */
    public NodeProcess restart() throws IOException, InterruptedException {
        stop();
        return start();
    }

    /** Returns whether the process is running. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Returns the HTTP port. */
    public int httpPort() {
        return address("http").getPort();
    }

    /** Returns the published address {@code name}, for example {@code http} or {@code remote_cluster}. */
    public InetSocketAddress address(String name) {
        String value = Optional.ofNullable(published.get(name))
                .orElseThrow(() -> new IllegalStateException("the node published no address [" + name + "]"));
        int colon = value.lastIndexOf(':');
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
    }

    /** Returns the base URI of the REST API, such as {@code http://127.0.0.1:41234}. */
    public URI httpUri() {
        InetSocketAddress http = address("http");
        return URI.create("http://" + http.getHostString() + ":" + http.getPort());
    }

    /** Returns an Elasticsearch client that authenticates as {@link #ADMIN_USER}. */
    public ElasticsearchClient client() {
        return client(ADMIN_USER, ADMIN_PASSWORD);
    }

    /** Returns an Elasticsearch client with basic credentials; closing its transport closes it. */
    public ElasticsearchClient client(String username, String password) {
        Header auth = new BasicHeader("Authorization", basicAuth(username, password));
        Rest5Client low = Rest5Client.builder(new HttpHost("http", "127.0.0.1", httpPort()))
                .setDefaultHeaders(new Header[] {auth})
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(low, new JacksonJsonpMapper()));
    }

    /** Returns an {@code Authorization: Basic} header value. */
    public static String basicAuth(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns everything the process wrote to stdout and stderr, over all starts. */
    public String output() {
        try {
            return Files.exists(outputFile()) ? Files.readString(outputFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** Returns how often {@link #start()} ran. */
    public int starts() {
        return starts;
    }

    /** Returns the config directory. */
    public Path configDir() {
        return baseDir.resolve("config");
    }

    /** Returns the data directory. */
    public Path dataDir() {
        return baseDir.resolve("data");
    }

    /** Returns the logs directory. */
    public Path logsDir() {
        return baseDir.resolve("logs");
    }

    private Path portsFile() {
        return dataDir().resolve("node.ports");
    }

    private Path outputFile() {
        return baseDir.resolve("process.out");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Stops the node if it runs; a node that ignores SIGTERM is killed. */
    @Override
    public void close() {
        if (!isRunning()) {
            return;
        }
        try {
            stop();
        } catch (IllegalStateException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Writes a node's config directory. */
    public static final class Builder {

        private final Path baseDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, List<String>> userRoles = new LinkedHashMap<>();
        private final StringBuilder rolesYaml = new StringBuilder();
        private final Map<String, String> keystoreStrings = new LinkedHashMap<>();
        private final Map<String, byte[]> keystoreFiles = new LinkedHashMap<>();
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        private String keystorePassword = "";

        private Builder(Path baseDir) {
            this.baseDir = baseDir;
            settings.put("cluster.name", "certbound-test");
            settings.put("node.name", "node-1");
            settings.put("http.host", "127.0.0.1");
            settings.put("http.port", "0");
            user(ADMIN_USER, ADMIN_PASSWORD, "superuser");
        }

        /** Sets a static setting in {@code certbound.yml}. */
        public Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Adds a file realm user with a password of at least 6 characters. */
        public Builder user(String name, String password, String... roles) {
            users.put(name, FileUsers.hash(password.toCharArray()));
            userRoles.put(name, List.of(roles));
            return this;
        }

        /** Adds a role to {@code roles.yml}; {@code yamlBody} is the role's body, indented by the caller. */
        public Builder role(String name, String yamlBody) {
            rolesYaml
                    .append(name)
                    .append(":\n")
                    .append(yamlBody.stripTrailing())
                    .append('\n');
            return this;
        }

        /** Adds a string entry to the keystore. */
        public Builder keystoreString(String name, String value) {
            keystoreStrings.put(name, value);
            return this;
        }

        /** Adds a file entry to the keystore. */
        public Builder keystoreFile(String name, byte[] value) {
            keystoreFiles.put(name, value.clone());
            return this;
        }

        /** Protects the keystore with a password, which the node reads from a passphrase file. */
        public Builder keystorePassword(String password) {
            this.keystorePassword = password;
            return this;
        }

        /** Writes a file into the config directory, for example a certificate. */
        public Builder configFile(String relativePath, byte[] content) {
            files.put(relativePath, content.clone());
            return this;
        }

        /** Sets an environment variable of the node process. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Adds a JVM option of the node process. */
        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        /** Writes the config directory and returns the (not yet started) node. */
        public NodeProcess build() throws IOException {
            Path config = baseDir.resolve("config");
            Files.createDirectories(config);
            StringBuilder yaml = new StringBuilder();
            settings.forEach((key, value) -> yaml.append(key)
                    .append(": \"")
                    .append(value.replace("\"", "\\\""))
                    .append("\"\n"));
            Files.writeString(config.resolve("certbound.yml"), yaml.toString(), StandardCharsets.UTF_8);
            FileUsers.writeUsers(config.resolve(FileUsers.USERS_FILE), users);
            FileUsers.writeUsersRoles(config.resolve(FileUsers.USERS_ROLES_FILE), userRoles);
            Files.writeString(config.resolve(FileUsers.ROLES_FILE), rolesYaml.toString(), StandardCharsets.UTF_8);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = config.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            writeKeystore(config);
            return new NodeProcess(this);
        }

        private void writeKeystore(Path config) throws IOException {
            if (keystoreStrings.isEmpty() && keystoreFiles.isEmpty() && keystorePassword.isEmpty()) {
                return;
            }
            try (CertboundKeystore keystore = CertboundKeystore.create()) {
                keystoreStrings.forEach((name, value) -> keystore.setString(name, value.toCharArray()));
                keystoreFiles.forEach(keystore::setFile);
                keystore.save(config, keystorePassword.toCharArray());
            } catch (KeystoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (!keystorePassword.isEmpty()) {
                Path passphrase = baseDir.resolve("keystore.passphrase");
                Files.writeString(passphrase, keystorePassword, StandardCharsets.UTF_8);
                environment.put(NodeMain.PASSPHRASE_FILE_ENV, passphrase.toString());
            }
        }
    }
}
