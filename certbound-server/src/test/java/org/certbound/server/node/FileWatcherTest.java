package org.certbound.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void checkAll_runsCallbackOnCreateChangeAndDelete() throws Exception {
        // A long interval keeps the scheduler out of the way; the test calls checkAll itself.
        FileWatcher watcher = new FileWatcher(scheduler, Duration.ofHours(1));
        Path file = dir.resolve("users");
        AtomicInteger changes = new AtomicInteger();
        watcher.watch(file, changes::incrementAndGet);

        watcher.checkAll();
        assertThat(changes).hasValue(0);
        Files.writeString(file, "a");
        watcher.checkAll();
        assertThat(changes).hasValue(1);
        Files.writeString(file, "b");
        watcher.checkAll();
        assertThat(changes).hasValue(2);
        watcher.checkAll();
        assertThat(changes).hasValue(2);
        Files.delete(file);
        watcher.checkAll();
        assertThat(changes).hasValue(3);
    }

    @Test
    void close_stopsCallbacks() throws Exception {
        FileWatcher watcher = new FileWatcher(scheduler, Duration.ofHours(1));
        Path file = dir.resolve("roles.yml");
        AtomicInteger changes = new AtomicInteger();
        watcher.watch(file, changes::incrementAndGet).close();

        Files.writeString(file, "x");
        watcher.checkAll();

        assertThat(changes).hasValue(0);
    }
}
