package org.certbound.server.security.file;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.certbound.server.security.Authentication;
import org.certbound.server.security.RoleDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file realm: users with bcrypt password hashes from {@code users}, their roles from {@code users_roles},
 * and role definitions from {@code roles.yml}, all in the config directory.
 *
 * <p>A bcrypt check costs tens of milliseconds, so a successful check is cached for 20 minutes as a salted
 * SHA-256 of the password. {@link #reload()} rereads the files and empties the cache.
 */
public final class FileRealm implements PasswordRealm {

    /** The realm name and type. */
    public static final String NAME = "file";

    private static final Logger logger = LoggerFactory.getLogger(FileRealm.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record State(
            Map<String, String> users, Map<String, List<String>> rolesByUser, Map<String, RoleDescriptor> roles) {}

    private record CachedCredential(String hash, byte[] salt, byte[] digest) {}

    private final Path configDir;
    private final Cache<String, CachedCredential> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(20))
            .maximumSize(10_000)
            .build();
    private volatile State state;

    /**
     * Reads the realm files.
     *
     * @throws IllegalStateException when a file cannot be read or is malformed
     */
    public FileRealm(Path configDir) {
        this.configDir = configDir;
        try {
            this.state = load();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("failed to load the file realm: " + e.getMessage(), e);
        }
    }

    /**
     * Rereads the files. When one is unreadable or malformed the realm has no users until it is fixed, so a
     * broken edit never keeps a removed user working.
     */
    public void reload() {
        try {
            state = load();
            logger.info("reloaded the file realm: [{}] users, [{}] roles", state.users.size(), state.roles.size());
        } catch (IOException | IllegalArgumentException e) {
            state = new State(Map.of(), Map.of(), Map.of());
            logger.error(
                    "failed to reload the file realm, no file user can log in until it is fixed: {}", e.getMessage());
        }
        cache.invalidateAll();
    }

    private State load() throws IOException {
        Map<String, String> users = FileUsers.readUsers(configDir.resolve(FileUsers.USERS_FILE));
        Map<String, List<String>> rolesByUser = FileUsers.readUsersRoles(configDir.resolve(FileUsers.USERS_ROLES_FILE));
        Map<String, RoleDescriptor> roles = FileRoles.read(configDir.resolve(FileUsers.ROLES_FILE));
        return new State(Map.copyOf(users), Map.copyOf(rolesByUser), Map.copyOf(roles));
    }

    /** Returns the files the realm reads, for the file watcher. */
    public List<Path> files() {
        return List.of(
                configDir.resolve(FileUsers.USERS_FILE),
                configDir.resolve(FileUsers.USERS_ROLES_FILE),
                configDir.resolve(FileUsers.ROLES_FILE));
    }

    @Override
    public boolean hasUser(String username) {
        return state.users.containsKey(username);
    }

    @Override
    public Optional<Authentication> authenticate(String username, char[] password) {
        State current = state;
        String hash = current.users.get(username);
        if (hash == null || !checkPassword(username, hash, password)) {
            return Optional.empty();
        }
        return Optional.of(Authentication.realm(username, NAME, NAME)
                .roles(resolveRoles(current, current.rolesByUser.getOrDefault(username, List.of())))
                .build());
    }

    /** Returns the role descriptors of {@code names}; an undefined role grants nothing but keeps its name. */
    public List<RoleDescriptor> resolveRoles(List<String> names) {
        return resolveRoles(state, names);
    }

    private static List<RoleDescriptor> resolveRoles(State state, List<String> names) {
        List<RoleDescriptor> resolved = new ArrayList<>();
        for (String name : names) {
            if (name.equals(RoleDescriptor.SUPERUSER.name())) {
                resolved.add(RoleDescriptor.SUPERUSER);
            } else {
                RoleDescriptor role = state.roles.get(name);
                if (role == null) {
                    logger.debug("role [{}] is not defined in [{}] and grants nothing", name, FileUsers.ROLES_FILE);
                    role = new RoleDescriptor(name, List.of(), List.of(), List.of(), Map.of());
                }
                resolved.add(role);
            }
        }
        return resolved;
    }

    private boolean checkPassword(String username, String hash, char[] password) {
        CachedCredential cached = cache.getIfPresent(username);
        if (cached != null && cached.hash.equals(hash)) {
            return MessageDigest.isEqual(cached.digest, digest(cached.salt, password));
        }
        if (!FileUsers.verify(hash, password)) {
            return false;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        cache.put(username, new CachedCredential(hash, salt, digest(salt, password)));
        return true;
    }

    private static byte[] digest(byte[] salt, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }
}
