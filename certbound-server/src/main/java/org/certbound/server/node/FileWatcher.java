package org.certbound.server.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.certbound.server.settings.Setting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls files for changes and runs a callback when one is created, changed or deleted. A change is a different
 * SHA-256 of the content, so a rewrite within the file system's timestamp resolution is still seen.
 */
public final class FileWatcher implements AutoCloseable {

    /** How often watched files are checked. */
    public static final Setting<Duration> RELOAD_INTERVAL = Setting.timeSetting(
            "resource.reload.interval.high",
            Duration.ofSeconds(5),
            Duration.ofMillis(100),
            "How often the node checks watched files such as users, roles and certificates for changes.");

    private static final Logger logger = LoggerFactory.getLogger(FileWatcher.class);
    private static final byte[] ABSENT = new byte[0];

    /** A registration; closing it stops watching. */
    public interface Watch extends AutoCloseable {
        /** Stops watching. */
        @Override
        void close();
    }

    private final class Entry implements Watch {
        final Path path;
        final Runnable onChange;
        volatile byte[] lastDigest;

        Entry(Path path, Runnable onChange) {
            this.path = path;
            this.onChange = onChange;
            this.lastDigest = digest(path);
        }

        @Override
        public void close() {
            entries.remove(this);
        }
    }

    private final Map<Entry, Boolean> entries = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> task;

    /** Starts polling every {@code interval} on {@code scheduler}. */
    public FileWatcher(ScheduledExecutorService scheduler, Duration interval) {
        long millis = interval.toMillis();
        this.task = scheduler.scheduleWithFixedDelay(this::checkAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Watches {@code path}, which may not exist yet; {@code onChange} runs on the scheduler thread. */
    public Watch watch(Path path, Runnable onChange) {
        Entry entry = new Entry(path.toAbsolutePath().normalize(), Objects.requireNonNull(onChange, "onChange"));
        entries.put(entry, Boolean.TRUE);
        return entry;
    }

    /** Checks every watched file now; the scheduler calls this periodically. */
    public void checkAll() {
        for (Entry entry : entries.keySet()) {
            byte[] current = digest(entry.path);
            if (Arrays.equals(current, entry.lastDigest)) {
                continue;
            }
            entry.lastDigest = current;
            logger.info("file [{}] changed, reloading", entry.path);
            try {
                entry.onChange.run();
            } catch (RuntimeException e) {
                logger.error("reloading after a change of [{}] failed", entry.path, e);
            }
        }
    }

    private static byte[] digest(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, read);
            }
            return sha256.digest();
        } catch (NoSuchFileException e) {
            return ABSENT;
        } catch (IOException e) {
            logger.debug("cannot read watched file [{}]: {}", path, e.toString());
            return ABSENT;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Stops polling. */
    @Override
    public void close() {
        task.cancel(false);
        entries.clear();
    }
}
