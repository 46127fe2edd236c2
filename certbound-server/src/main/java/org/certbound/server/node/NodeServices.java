package org.certbound.server.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.certbound.server.rest.RestController;
import org.certbound.server.security.AuthenticationService;
import org.certbound.server.security.Authenticator;
import org.certbound.server.security.AuthorizationService;
import org.certbound.server.settings.ClusterSettings;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureSettingsReloadListener;
import org.certbound.server.settings.Settings;
import org.certbound.server.settings.SettingsRegistry;
import org.certbound.server.store.StateStore;
import org.certbound.server.store.StoredDocument;
import org.certbound.server.store.VersionConflictException;

/** The {@link NodeContext} of a running node. */
final class NodeServices implements NodeContext {

    static final String PORTS_FILE = "node.ports";
    private static final String NODE_ID_FILE = "node.id";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeEnvironment environment;
    private final SettingsRegistry registry;
    private final ClusterSettings clusterSettings;
    private volatile SecureSettings secureSettings;
    private final StateStore stateStore;
    private final RestController restController;
    private final AuthenticationService authenticationService;
    private final AuthorizationService authorizationService;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final FileWatcher fileWatcher;
    private final String clusterName;
    private final String nodeName;
    private final String nodeId;
    private final String clusterUuid;
    private final List<SecureSettingsReloadListener> reloadListeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> publishedAddresses = new TreeMap<>();

    NodeServices(
            NodeEnvironment environment,
            SettingsRegistry registry,
            ClusterSettings clusterSettings,
            SecureSettings secureSettings,
            StateStore stateStore,
            RestController restController,
            AuthenticationService authenticationService,
            AuthorizationService authorizationService,
            ExecutorService executor,
            ScheduledExecutorService scheduler,
            FileWatcher fileWatcher) {
        this.environment = environment;
        this.registry = registry;
        this.clusterSettings = clusterSettings;
        this.secureSettings = secureSettings;
        this.stateStore = stateStore;
        this.restController = restController;
        this.authenticationService = authenticationService;
        this.authorizationService = authorizationService;
        this.executor = executor;
        this.scheduler = scheduler;
        this.fileWatcher = fileWatcher;
        this.clusterName = NodeSettings.CLUSTER_NAME.get(environment.settings());
        this.nodeName = NodeSettings.nodeName(environment.settings());
        this.nodeId = loadOrCreateNodeId(environment.dataDir());
        this.clusterUuid = loadOrCreateClusterUuid(stateStore);
    }

    @Override
    public Settings settings() {
        return environment.settings();
    }

    @Override
    public SettingsRegistry settingsRegistry() {
        return registry;
    }

    @Override
    public ClusterSettings clusterSettings() {
        return clusterSettings;
    }

    @Override
    public SecureSettings secureSettings() {
        return secureSettings;
    }

    /** Replaces the keystore after a reload and returns the previous one, which the caller closes. */
    SecureSettings replaceSecureSettings(SecureSettings next) {
        SecureSettings previous = secureSettings;
        secureSettings = next;
        return previous;
    }

    List<SecureSettingsReloadListener> reloadListeners() {
        return reloadListeners;
    }

    NodeEnvironment environment() {
        return environment;
    }

    @Override
    public StateStore stateStore() {
        return stateStore;
    }

    @Override
    public RestController restController() {
        return restController;
    }

    @Override
    public AuthenticationService authenticationService() {
        return authenticationService;
    }

    @Override
    public AuthorizationService authorizationService() {
        return authorizationService;
    }

    @Override
    public ExecutorService executor() {
        return executor;
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public FileWatcher fileWatcher() {
        return fileWatcher;
    }

    @Override
    public Path configDir() {
        return environment.configDir();
    }

    @Override
    public Path dataDir() {
        return environment.dataDir();
    }

    @Override
    public Path logsDir() {
        return environment.logsDir();
    }

    @Override
    public String clusterName() {
        return clusterName;
    }

    @Override
    public String clusterUuid() {
        return clusterUuid;
    }

    @Override
    public String nodeName() {
        return nodeName;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void addAuthenticator(Authenticator authenticator) {
        authenticationService.addAuthenticator(authenticator);
    }

    @Override
    public void addSecureSettingsReloadListener(SecureSettingsReloadListener listener) {
        reloadListeners.add(listener);
    }

    @Override
    public synchronized void publishAddress(String name, InetSocketAddress address) {
        publishedAddresses.put(name, Node.formatAddress(address));
        StringBuilder content = new StringBuilder();
        publishedAddresses.forEach(
                (key, value) -> content.append(key).append('=').append(value).append('\n'));
        writeAtomically(dataDir().resolve(PORTS_FILE), content.toString());
    }

    private static String loadOrCreateNodeId(Path dataDir) {
        Path file = dataDir.resolve(NODE_ID_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String id = randomId();
            writeAtomically(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read or create the node id file [" + file + "]", e);
        }
    }

    private static String loadOrCreateClusterUuid(StateStore store) {
        Optional<StoredDocument> existing = store.get("node", "cluster");
        if (existing.isPresent()) {
            return readUuid(existing.get());
        }
        ObjectNode document = MAPPER.createObjectNode().put("cluster_uuid", randomId());
        try {
            return readUuid(store.put("node", "cluster", document.toString(), StateStore.MUST_NOT_EXIST));
        } catch (VersionConflictException e) {
            return readUuid(store.get("node", "cluster").orElseThrow());
        }
    }

    private static String readUuid(StoredDocument document) {
        try {
            return MAPPER.readTree(document.json()).path("cluster_uuid").asText();
        } catch (IOException e) {
            throw new IllegalStateException("the stored cluster document [" + document + "] is not valid JSON", e);
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write [" + file + "]", e);
        }
    }
}
