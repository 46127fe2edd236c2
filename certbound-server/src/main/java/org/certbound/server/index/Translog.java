package org.certbound.server.index;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The write-ahead log of one shard. Every operation is appended before it is acknowledged, and {@link #sync()} forces
 * the file to disk, so an acknowledged write survives a crash of the process or the machine. On open, the shard
 * replays the operations that its last Lucene commit does not contain.
 *
 * <p>Files are {@code translog-<generation>.tlog}. Each record is its payload length (int), the CRC-32 of the payload
 * (int) and the payload: the operation type (byte), sequence number (long), version (long), id (modified UTF-8) and
 * source length and bytes. Reading stops at the first torn or corrupt record, which can only be a write that was
 * never synced and so never acknowledged.
 *
 * <p>Appends and syncs are synchronized on this object.
 */
final class Translog implements AutoCloseable {
    private static final String PREFIX = "translog-";
    private static final String SUFFIX = ".tlog";

    private final Path directory;
    private long generation;
    private FileChannel channel;
    private DataOutputStream output;
    private long sizeInBytes;
    private boolean dirty;

    /** A logged operation. */
    record Operation(Type type, long seqNo, long version, String id, byte @Nullable [] source) {}

    /** The kind of a logged operation. */
    enum Type {
        INDEX,
        DELETE
    }

    private Translog(Path directory, long generation) throws IOException {
        this.directory = directory;
        this.generation = generation;
        openGeneration(generation);
    }

    /**
     * Opens the log in a directory for appending to a new generation, after the caller has replayed older ones.
     *
     * @param generation the first generation number to write, greater than any replayed one
     */
    static Translog open(Path directory, long generation) throws IOException {
        Files.createDirectories(directory);
        return new Translog(directory, generation);
    }

    /** Reads every intact operation of generations {@code >= fromGeneration}, oldest first. */
    static void replay(Path directory, long fromGeneration, Consumer<Operation> consumer) throws IOException {
        for (long generation : generations(directory)) {
            if (generation >= fromGeneration) {
                readFile(directory.resolve(PREFIX + generation + SUFFIX), consumer);
            }
        }
    }

    /** Returns the highest generation present, or -1 when there is none. */
    static long maxGeneration(Path directory) throws IOException {
        List<Long> generations = generations(directory);
        return generations.isEmpty() ? -1 : generations.get(generations.size() - 1);
    }

    synchronized void add(Operation operation) {
        byte[] payload = encode(operation);
        CRC32 crc = new CRC32();
        crc.update(payload);
        try {
            output.writeInt(payload.length);
            output.writeInt((int) crc.getValue());
            output.write(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to append to translog [" + directory + "]", e);
        }
        sizeInBytes += payload.length + 8L;
        dirty = true;
    }

    /** Forces every appended operation to disk. */
    synchronized void sync() {
        if (!dirty) {
            return;
        }
        try {
            output.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to sync translog [" + directory + "]", e);
        }
        dirty = false;
    }

    /** Returns the bytes written to the current generation. */
    synchronized long sizeInBytes() {
        return sizeInBytes;
    }

    /** Returns the current generation. */
    synchronized long generation() {
        return generation;
    }

    /**
     * Starts a new generation and returns its number. Call it before the Lucene commit that records the new number;
     * then call {@link #trimBelow(long)}.
     */
    synchronized long roll() throws IOException {
        sync();
        output.close();
        generation++;
        openGeneration(generation);
        return generation;
    }

    /** Deletes the generations below the given one, whose operations a Lucene commit now holds. */
    synchronized void trimBelow(long keepFrom) throws IOException {
        for (long old : generations(directory)) {
            if (old < keepFrom) {
                Files.deleteIfExists(directory.resolve(PREFIX + old + SUFFIX));
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        sync();
        output.close();
    }

    private void openGeneration(long number) throws IOException {
        Path file = directory.resolve(PREFIX + number + SUFFIX);
        channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream stream = Channels.newOutputStream(channel);
        output = new DataOutputStream(new BufferedOutputStream(stream, 64 * 1024));
        sizeInBytes = 0;
        dirty = false;
        // The new file's directory entry must be durable before an operation in it is acknowledged.
        fsyncDirectory(directory);
    }

    private static void fsyncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory for syncing; file data is still synced.
        }
    }

    private static byte[] encode(Operation operation) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + lengthOf(operation.source()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(operation.type().ordinal());
            out.writeLong(operation.seqNo());
            out.writeLong(operation.version());
            out.writeUTF(operation.id());
            byte[] source = operation.source();
            out.writeInt(source == null ? -1 : source.length);
            if (source != null) {
                out.write(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int lengthOf(byte @Nullable [] source) {
        return source == null ? 0 : source.length;
    }

    private static void readFile(Path file, Consumer<Operation> consumer) throws IOException {
        try (InputStream stream = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(stream))) {
            while (true) {
                Operation operation = readRecord(in);
                if (operation == null) {
                    return;
                }
                consumer.accept(operation);
            }
        }
    }

    private static @Nullable Operation readRecord(DataInputStream in) throws IOException {
        byte[] payload;
        int expectedCrc;
        try {
            int length = in.readInt();
            expectedCrc = in.readInt();
            if (length < 0 || length > 512 * 1024 * 1024) {
                return null;
            }
            payload = in.readNBytes(length);
            if (payload.length != length) {
                return null;
            }
        } catch (EOFException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        return decode(payload);
    }

    private static Operation decode(byte[] payload) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload))) {
            Type type = Type.values()[in.readByte()];
            long seqNo = in.readLong();
            long version = in.readLong();
            String id = in.readUTF();
            int sourceLength = in.readInt();
            byte[] source = sourceLength < 0 ? null : in.readNBytes(sourceLength);
            return new Operation(type, seqNo, version, id, source);
        }
    }

    private static List<Long> generations(Path directory) throws IOException {
        List<Long> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (Stream<Path> files = Files.list(directory)) {
            files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith(PREFIX) && name.endsWith(SUFFIX))
                    .forEach(name ->
                            out.add(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()))));
        }
        out.sort(null);
        return out;
    }
}
