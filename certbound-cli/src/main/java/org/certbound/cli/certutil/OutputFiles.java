package org.certbound.cli.certutil;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.certbound.cli.CliException;

/** Writes certutil's output files, refusing to overwrite unless asked and keeping secret files owner-only. */
final class OutputFiles {

    private OutputFiles() {}

    /**
     * Checks that none of the files exists, unless {@code force} allows replacing them.
     *
     * @throws CliException naming the first file that exists
     */
    static void requireAbsent(List<Path> files, boolean force) {
        for (Path file : files) {
            if (!force && Files.exists(file)) {
                throw alreadyExists(file);
            }
        }
    }

    /**
     * Writes a file.
     *
     * @param secret whether the file contains a private key, which gets mode {@code 0600} on POSIX systems
     * @param force whether an existing file may be replaced
     * @throws CliException when the file exists and {@code force} is false, or the write fails
     */
    static void write(Path file, byte[] content, boolean secret, boolean force) {
        requireAbsent(List.of(file), force);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (secret && Files.getFileStore(parent).supportsFileAttributeView("posix")) {
                // Create the file owner-only before any byte of the key is in it.
                Files.deleteIfExists(file);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            OpenOption[] options = {
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE
            };
            try (OutputStream out = Files.newOutputStream(file, options)) {
                out.write(content);
            }
        } catch (FileAlreadyExistsException e) {
            throw alreadyExists(file);
        } catch (IOException e) {
            throw CliException.usage(e, "failed to write [%s]: %s", file, e.getMessage());
        }
    }

    private static CliException alreadyExists(Path file) {
        return CliException.usage(
                "[%s] already exists: remove it, choose another --out-dir or --name, or pass --force", file);
    }
}
