package org.certbound.server.security.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Reads and writes the file realm's {@code users} file ({@code name:bcrypt-hash} per line) and
 * {@code users_roles} file ({@code role:user1,user2} per line). Blank lines and lines starting with {@code #}
 * are skipped.
 */
public final class FileUsers {

    /** The users file name in the config directory. */
    public static final String USERS_FILE = "users";

    /** The user-to-role mapping file name in the config directory. */
    public static final String USERS_ROLES_FILE = "users_roles";

    /** The role definitions file name in the config directory. */
    public static final String ROLES_FILE = "roles.yml";

    /** The minimum password length of file realm users. */
    public static final int MIN_PASSWORD_LENGTH = 6;

    private static final Pattern NAME = Pattern.compile("[^\\s:,]{1,507}");
    private static final int BCRYPT_COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileUsers() {}

    /**
     * Reads the users file; a missing file has no users.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line when it is malformed
     */
    public static Map<String, String> readUsers(Path file) throws IOException {
        Map<String, String> users = new TreeMap<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException(
                        "invalid line [" + (i + 1) + "] in [" + file + "]: expected [username:bcrypt-hash]");
            }
            users.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return users;
    }

    /**
     * Reads the users_roles file into roles by user; a missing file maps nobody.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException naming the line when it is malformed
     */
    public static Map<String, List<String>> readUsersRoles(Path file) throws IOException {
        Map<String, Set<String>> rolesByUser = new TreeMap<>();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "invalid line [" + (i + 1) + "] in [" + file + "]: expected [role:user1,user2]");
            }
            String role = line.substring(0, colon).trim();
            for (String user : line.substring(colon + 1).split(",")) {
                if (!user.isBlank()) {
                    rolesByUser
                            .computeIfAbsent(user.trim(), u -> new LinkedHashSet<>())
                            .add(role);
                }
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        rolesByUser.forEach((user, roles) -> result.put(user, List.copyOf(roles)));
        return result;
    }

    /** Writes the users file atomically with owner-only permissions. */
    public static void writeUsers(Path file, Map<String, String> users) throws IOException {
        StringBuilder content = new StringBuilder();
        new TreeMap<>(users)
                .forEach((name, hash) ->
                        content.append(name).append(':').append(hash).append('\n'));
        writeAtomically(file, content.toString());
    }

    /** Writes the users_roles file atomically from roles by user. */
    public static void writeUsersRoles(Path file, Map<String, List<String>> rolesByUser) throws IOException {
        Map<String, Set<String>> usersByRole = new TreeMap<>();
        rolesByUser.forEach((user, roles) -> roles.forEach(role -> usersByRole
                .computeIfAbsent(role, r -> new java.util.TreeSet<>())
                .add(user)));
        StringBuilder content = new StringBuilder();
        usersByRole.forEach((role, users) ->
                content.append(role).append(':').append(String.join(",", users)).append('\n'));
        writeAtomically(file, content.toString());
    }

    /** Returns a bcrypt hash ({@code $2a$}, cost 10) of {@code password}. */
    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password, salt, BCRYPT_COST);
    }

    /** Returns whether {@code password} matches the bcrypt {@code hash}; a malformed hash never matches. */
    public static boolean verify(String hash, char[] password) {
        try {
            return OpenBSDBCrypt.checkPassword(hash, password);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Checks a username: 1 to 507 characters without whitespace, {@code :} or {@code ,}.
     *
     * @throws IllegalArgumentException when it is invalid
     */
    public static void validateName(String kind, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid " + kind + " name [" + name + "]: use 1 to 507 characters without whitespace, [:] or [,]");
        }
    }

    /**
     * Rejects the name of a built-in user. The built-in user is checked before the file realm, so a file user of
     * that name could never log in.
     *
     * @throws IllegalArgumentException naming the user and how it gets its password
     */
    public static void rejectReservedName(String name) {
        if (ReservedRealm.USERNAME.equals(name)) {
            throw new IllegalArgumentException("[" + name + "] is a built-in user of the node and cannot be added to"
                    + " the file realm, because the built-in user takes precedence and the file user could never log"
                    + " in. The built-in user's password is the keystore's [" + ReservedRealm.BOOTSTRAP_PASSWORD.key()
                    + "]: run [certbound keystore add " + ReservedRealm.BOOTSTRAP_PASSWORD.key()
                    + " --config <node config dir>], or choose another name");
        }
    }

    /**
     * Checks a password's length.
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_PASSWORD_LENGTH}
     */
    public static void validatePassword(char[] password) {
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "the password must be at least [" + MIN_PASSWORD_LENGTH + "] characters long");
        }
    }

    private static List<String> readLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(
                        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
