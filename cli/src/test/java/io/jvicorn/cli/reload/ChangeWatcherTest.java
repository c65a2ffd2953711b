package io.jvicorn.cli.reload;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files in a temporary directory, watched through the platform's WatchService. Each test proves that an ignored
 * change was not reported by making a relevant change after it: the watcher reports events in order, so an ignored
 * change that slipped through would arrive in the same batch.
 */
@Timeout(20)
class ChangeWatcherTest {
    private static final Duration SETTLE = Duration.ofMillis(100);

    @TempDir
    Path tempDir;

    private Path root;
    private ChangeWatcher watcher;

    @BeforeEach
    void watch() throws IOException {
        root = tempDir.toRealPath();
        Files.createDirectories(root.resolve(".git/objects"));
        watcher = new ChangeWatcher(ReloadSettings.resolve(List.of(), List.of(), List.of(), List.of(), root));
    }

    @AfterEach
    void closeWatcher() throws IOException {
        watcher.close();
    }

    private Path write(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "content of " + relative);
    }

    @Test
    void aClassFileWriteIsReported() throws Exception {
        Path app = write("App.class");
        assertEquals(List.of(app), watcher.awaitChanges(SETTLE));
    }

    @Test
    void aModifiedJarIsReported() throws Exception {
        Path jar = write("lib/app.jar");
        watcher.close();
        watcher = new ChangeWatcher(ReloadSettings.resolve(List.of(), List.of(), List.of(), List.of(), root));
        Files.writeString(jar, "rebuilt");
        assertEquals(List.of(jar), watcher.awaitChanges(SETTLE));
    }

    @Test
    void sourcesAndOtherFilesAreNotReported() throws Exception {
        write("App.java");
        write("notes.txt");
        write("App.class~");
        write("build.tmp");
        Path app = write("App.class");
        assertEquals(List.of(app), watcher.awaitChanges(SETTLE));
    }

    @Test
    void hiddenDirectoriesAreIgnoredWhetherOldOrNew() throws Exception {
        write(".git/objects/x.class");
        write(".cache/y.class"); // created while watching
        write(".cache/deeper/z.class");
        write(".hidden.class");
        Path app = write("App.class");
        assertEquals(List.of(app), watcher.awaitChanges(SETTLE));
    }

    @Test
    void aDirectoryGivenAsExcludeIsIgnored() throws Exception {
        write("generated/Old.class");
        watcher.close();
        watcher = new ChangeWatcher(ReloadSettings.resolve(List.of(), List.of(), List.of("generated"), List.of(),
                root));
        write("generated/Stub.class");
        write("generated/sub/Stub.class");
        Path app = write("App.class");
        assertEquals(List.of(app), watcher.awaitChanges(SETTLE));
    }

    @Test
    void filesInANewSubdirectoryAreReportedAndTheSubdirectoryIsWatched() throws Exception {
        // Written right after the directories appear, likely before the watcher registers them.
        Path first = write("target/classes/com/x/First.class");
        assertEquals(List.of(first), watcher.awaitChanges(SETTLE));

        Path second = write("target/classes/com/x/Second.class");
        assertEquals(List.of(second), watcher.awaitChanges(SETTLE));
    }

    @Test
    void aDeletionIsReported() throws Exception {
        Path app = write("App.class");
        watcher.awaitChanges(SETTLE);
        Files.delete(app);
        assertEquals(List.of(app), watcher.awaitChanges(SETTLE));
    }

    @Test
    void changesWithinTheSettleTimeComeBackAsOneBatch() throws Exception {
        // A build writing files for longer than the settle time, each within it of the one before: one batch.
        Duration settle = Duration.ofMillis(200);
        int files = 15;
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            expected.add(root.resolve("C" + (char) ('a' + i) + ".class"));
        }
        AtomicInteger written = new AtomicInteger();
        try (ScheduledExecutorService build = Executors.newSingleThreadScheduledExecutor()) {
            ScheduledFuture<?> writes = build.scheduleAtFixedRate(() -> {
                int i = written.get();
                if (i < files) {
                    try {
                        Files.writeString(expected.get(i), "class " + i);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    written.incrementAndGet();
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            try {
                assertEquals(expected, watcher.awaitChanges(settle));
            } finally {
                writes.cancel(false);
            }
        }
        assertEquals(files, written.get());
    }

    @Test
    void closeEndsAWaitWithNoChanges() throws Exception {
        Waiter waiter = startWaiting();
        watcher.close();
        assertEquals(List.of(), waiter.result().get(5, TimeUnit.SECONDS));
        assertEquals(List.of(), watcher.awaitChanges(SETTLE)); // and stays closed
    }

    @Test
    void anInterruptEndsTheWait() throws Exception {
        Waiter waiter = startWaiting();
        waiter.thread().interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiter.result().get(5, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    private record Waiter(Thread thread, CompletableFuture<List<Path>> result) {}

    /** Calls awaitChanges on a new thread and returns once that thread blocks in it. */
    private Waiter startWaiting() {
        CompletableFuture<List<Path>> result = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("change-waiter").start(() -> {
            try {
                result.complete(watcher.awaitChanges(SETTLE));
            } catch (InterruptedException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> thread.getState() == Thread.State.WAITING);
        return new Waiter(thread, result);
    }
}
