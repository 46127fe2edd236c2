package org.certbound.server.keystore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.certbound.server.settings.SecureSettings;
import org.certbound.server.settings.SecureString;

/**
 * The node's keystore, {@code <config>/certbound.keystore}: named string and file entries, encrypted with
 * AES-256-GCM under a key derived from the password with PBKDF2-HMAC-SHA512.
 *
 * <p>File layout (all integers big-endian): the magic {@code CBKS}, a format version byte, a flags byte (bit 0:
 * password-protected), the PBKDF2 iteration count (int), a 16-byte salt, a 12-byte GCM nonce, the ciphertext
 * length (int) and the ciphertext with its 128-bit tag. The header is the GCM additional data, so changing any
 * header byte also fails decryption.
 *
 * <p>Security: without a password the key derives from the empty password, which only hides the values from a
 * casual look; protect the file with permissions or set a password. A new salt and nonce are drawn on every save.
 */
public final class CertboundKeystore implements SecureSettings {

    /** The keystore file name inside the config directory. */
    public static final String FILE_NAME = "certbound.keystore";

    private static final byte[] MAGIC = {'C', 'B', 'K', 'S'};
    private static final byte FORMAT_VERSION = 1;
    private static final int FLAG_PASSWORD = 1;
    private static final int PROTECTED_ITERATIONS = 210_000;
    private static final int UNPROTECTED_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int HEADER_BYTES = 4 + 1 + 1 + 4 + SALT_BYTES + NONCE_BYTES + 4;
    private static final byte TYPE_STRING = 0;
    private static final byte TYPE_FILE = 1;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.]+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(byte type, byte[] value) {}

    private final Map<String, Entry> entries = new TreeMap<>();
    private boolean closed;

    private CertboundKeystore() {}

    /** Creates an empty keystore in memory; {@link #save} writes it. */
    public static CertboundKeystore create() {
        return new CertboundKeystore();
    }

    /** Returns the keystore path in {@code configDir}. */
    public static Path path(Path configDir) {
        return configDir.resolve(FILE_NAME);
    }

    /** Returns whether {@code configDir} has a keystore. */
    public static boolean exists(Path configDir) {
        return Files.exists(path(configDir));
    }

    /**
     * Returns whether the keystore in {@code configDir} is password-protected.
     *
     * @throws KeystoreException when it is missing or not a certbound keystore
     */
    public static boolean hasPassword(Path configDir) throws KeystoreException {
        byte[] header = readHeader(path(configDir));
        return (header[5] & FLAG_PASSWORD) != 0;
    }

    /**
     * Loads and decrypts the keystore in {@code configDir}; use an empty password for an unprotected keystore.
     *
     * @throws KeystoreException when it is missing or corrupt, or the password is wrong
     */
    public static CertboundKeystore load(Path configDir, char[] password) throws KeystoreException {
        Path file = path(configDir);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeystoreException("failed to read the keystore [" + file + "]", e);
        }
        if (bytes.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new KeystoreException("[" + file + "] is not a certbound keystore", null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(4);
        byte version = buffer.get();
        if (version != FORMAT_VERSION) {
            throw new KeystoreException(
                    "the keystore [" + file + "] has format version [" + version + "], expected [" + FORMAT_VERSION
                            + "]; it was written by another certbound version",
                    null);
        }
        buffer.get();
        int iterations = buffer.getInt();
        byte[] salt = new byte[SALT_BYTES];
        buffer.get(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        int length = buffer.getInt();
        if (length != buffer.remaining() || iterations < 1) {
            throw new KeystoreException("the keystore [" + file + "] is truncated or corrupt", null);
        }
        byte[] plaintext = decrypt(file, bytes, password, iterations, salt, nonce);
        try {
            return parseEntries(file, plaintext);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] decrypt(Path file, byte[] bytes, char[] password, int iterations, byte[] salt, byte[] nonce)
            throws KeystoreException {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, password, iterations, salt, nonce);
            cipher.updateAAD(bytes, 0, HEADER_BYTES);
            return cipher.doFinal(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
        } catch (AEADBadTagException e) {
            throw new KeystoreException(
                    "failed to decrypt the keystore [" + file + "]: the password is incorrect or the file is corrupt",
                    e,
                    true);
        } catch (GeneralSecurityException e) {
            throw new KeystoreException("failed to decrypt the keystore [" + file + "]", e);
        }
    }

    private static CertboundKeystore parseEntries(Path file, byte[] plaintext) throws KeystoreException {
        CertboundKeystore keystore = new CertboundKeystore();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte type = in.readByte();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                keystore.entries.put(name, new Entry(type, value));
            }
        } catch (IOException e) {
            throw new KeystoreException("the keystore [" + file + "] is corrupt", e);
        }
        return keystore;
    }

    /**
     * Encrypts and writes the keystore to {@code configDir}, replacing the old file atomically, with owner-only
     * permissions where the file system supports them.
     *
     * @param password the new password, empty for an unprotected keystore
     */
    public synchronized void save(Path configDir, char[] password) throws KeystoreException {
        ensureOpen();
        Path file = path(configDir);
        byte[] plaintext = serializeEntries();
        try {
            byte[] encoded = encrypt(plaintext, password);
            writeAtomically(file, encoded);
        } catch (GeneralSecurityException | IOException e) {
            throw new KeystoreException("failed to write the keystore [" + file + "]", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private byte[] serializeEntries() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Map.Entry<String, Entry> entry : entries.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeByte(entry.getValue().type);
                out.writeInt(entry.getValue().value.length);
                out.write(entry.getValue().value);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static byte[] encrypt(byte[] plaintext, char[] password) throws GeneralSecurityException {
        boolean protectedByPassword = password.length > 0;
        int iterations = protectedByPassword ? PROTECTED_ITERATIONS : UNPROTECTED_ITERATIONS;
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, password, iterations, salt, nonce);
        int cipherLength = cipher.getOutputSize(plaintext.length);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + cipherLength);
        out.put(MAGIC)
                .put(FORMAT_VERSION)
                .put((byte) (protectedByPassword ? FLAG_PASSWORD : 0))
                .putInt(iterations)
                .put(salt)
                .put(nonce)
                .putInt(cipherLength);
        cipher.updateAAD(out.array(), 0, HEADER_BYTES);
        cipher.doFinal(ByteBuffer.wrap(plaintext), out);
        return out.array();
    }

    private static Cipher cipher(int mode, char[] password, int iterations, byte[] salt, byte[] nonce)
            throws GeneralSecurityException {
        KeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(spec)
                .getEncoded();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            return cipher;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static void writeAtomically(Path file, byte[] encoded) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(tmp, encoded);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static byte[] readHeader(Path file) throws KeystoreException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new KeystoreException("failed to read the keystore [" + file + "]", e);
        }
        if (bytes.length < HEADER_BYTES || !Arrays.equals(Arrays.copyOf(bytes, 4), MAGIC)) {
            throw new KeystoreException("[" + file + "] is not a certbound keystore", null);
        }
        return Arrays.copyOf(bytes, HEADER_BYTES);
    }

    /**
     * Sets a string entry; the keystore keeps its own copy, so the caller may zero {@code value}.
     *
     * @throws IllegalArgumentException when the name is invalid
     */
    public synchronized void setString(String name, char[] value) {
        ensureOpen();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        put(name, new Entry(TYPE_STRING, bytes));
    }

    /**
     * Sets a file entry; the keystore keeps its own copy.
     *
     * @throws IllegalArgumentException when the name is invalid
     */
    public synchronized void setFile(String name, byte[] value) {
        ensureOpen();
        put(name, new Entry(TYPE_FILE, value.clone()));
    }

    private void put(String name, Entry entry) {
        validateName(name);
        Entry old = entries.put(name, entry);
        if (old != null) {
            Arrays.fill(old.value, (byte) 0);
        }
    }

    /** Checks that {@code name} is a valid entry name: letters, digits, {@code _}, {@code -} and {@code .}. */
    public static void validateName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid keystore entry name [" + name
                    + "]: use letters, digits and [_-.], for example [cluster.remote.rc1.credentials]");
        }
    }

    /** Removes an entry and returns whether it existed. */
    public synchronized boolean remove(String name) {
        ensureOpen();
        Entry old = entries.remove(name);
        if (old != null) {
            Arrays.fill(old.value, (byte) 0);
        }
        return old != null;
    }

    @Override
    public synchronized Set<String> keys() {
        ensureOpen();
        return new TreeSet<>(entries.keySet());
    }

    @Override
    public synchronized Optional<SecureString> getString(String key) {
        ensureOpen();
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(SecureString.fromUtf8(entry.value));
    }

    @Override
    public synchronized Optional<byte[]> getFile(String key) {
        ensureOpen();
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value.clone());
    }

    /** Returns whether {@code key} is a file entry. */
    public synchronized boolean isFile(String key) {
        Entry entry = entries.get(key);
        return entry != null && entry.type == TYPE_FILE;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            entries.values().forEach(entry -> Arrays.fill(entry.value, (byte) 0));
            entries.clear();
            closed = true;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the keystore is closed");
        }
    }

    @Override
    public String toString() {
        return "CertboundKeystore" + entries.keySet();
    }
}
