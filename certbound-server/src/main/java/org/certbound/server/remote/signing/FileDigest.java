package org.certbound.server.remote.signing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest over the content of a list of files, to tell whether any of them changed since it was last loaded.
 *
 * <p>Comparing content instead of modification times catches writes within the file system's timestamp granularity
 * and symlink swaps (such as Kubernetes' {@code ..data} directory), because the path is read through its links. A
 * file that cannot be read yields a distinct value that names the failure, so restoring it counts as a change.
 */
public final class FileDigest {

    private FileDigest() {}

    /**
     * Returns a digest of the files' content, in order.
     *
     * @param files the files, read through symbolic links
     * @return lowercase hex SHA-256 over every file's path and content, or a text starting with {@code unreadable}
     *     when a file cannot be read
     */
    public static String of(List<Path> files) {
        MessageDigest digest = sha256();
        for (Path file : files) {
            digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                digest.update(Files.readAllBytes(file));
            } catch (IOException | SecurityException e) {
                return "unreadable [" + file + "]: " + e;
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
