package io.jvicorn.cli.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Watches the directories of {@link ReloadSettings} recursively and reports changed files in batches, as Uvicorn's
 * WatchFiles reloader does. It uses the platform's {@link WatchService} (inotify on Linux), which watches single
 * directories: every directory is registered on its own, new ones as they appear, excluded ones never.
 *
 * <p>{@link #awaitChanges} is meant for one thread (the reloader's); {@link #close} may be called from any thread.
 */
public final class ChangeWatcher implements AutoCloseable {
    /** CliLogging's error logger, where Uvicorn's reloader logs too. */
    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** How many changed paths {@link #describe} names; a build can change hundreds of classes. */
    private static final int DESCRIBED_PATHS = 5;

    private final ChangeFilter filter;
    private final WatchService watchService;
    /** The directory each key watches and the watched root it belongs to; only the awaiting thread changes it. */
    private final Map<WatchKey, WatchedDirectory> directories = new HashMap<>();

    private record WatchedDirectory(Path root, Path dir) {}

    /**
     * Starts watching. Files existing now are not reported; only later changes are.
     *
     * @param settings the directories, patterns and excluded directories
     * @throws IOException if a watched directory cannot be read or registered, for example because the system's
     *                     limit of inotify watches ({@code fs.inotify.max_user_watches}) is reached
     */
    public ChangeWatcher(ReloadSettings settings) throws IOException {
        this.filter = new ChangeFilter(settings);
        this.watchService = FileSystems.getDefault().newWatchService();
        try {
            for (Path root : settings.dirs()) {
                registerTree(root, root, null);
            }
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
    }

    /**
     * Waits for changes: blocks until a file matching the patterns was created, modified or deleted, then goes on
     * collecting until {@code settle} has passed without another one, so that a build writing many files causes one
     * reload rather than many.
     *
     * @param settle how long no further change must happen before the batch is complete
     * @return the changed files, absolute, without duplicates and sorted; a watched directory itself when the system
     *         dropped events (overflow) so that exactly what changed is unknown; empty only when the watcher was
     *         closed before anything changed
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public List<Path> awaitChanges(Duration settle) throws InterruptedException {
        Set<Path> changed = new TreeSet<>();
        try {
            while (changed.isEmpty()) {
                collect(watchService.take(), changed);
            }
            long settleNanos = settle.toNanos();
            long quietUntil = System.nanoTime() + settleNanos;
            for (long remaining = settleNanos; remaining > 0; remaining = quietUntil - System.nanoTime()) {
                WatchKey key = watchService.poll(remaining, TimeUnit.NANOSECONDS);
                if (key == null) {
                    break;
                }
                int before = changed.size();
                collect(key, changed);
                if (changed.size() > before) {
                    quietUntil = System.nanoTime() + settleNanos;
                }
            }
        } catch (ClosedWatchServiceException e) {
            // close() ends the wait; whatever was collected before still counts.
        }
        return List.copyOf(changed);
    }

    /** Adds the relevant changes that {@code key} signalled to {@code changed} and re-arms the key. */
    private void collect(WatchKey key, Set<Path> changed) {
        WatchedDirectory watched = directories.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        if (watched != null) {
            for (WatchEvent<?> event : events) {
                collect(watched, event, changed);
            }
        }
        if (!key.reset()) {
            directories.remove(key); // the directory was deleted or moved away
        }
    }

    private void collect(WatchedDirectory watched, WatchEvent<?> event, Set<Path> changed) {
        Path root = watched.root();
        if (event.kind() == OVERFLOW) {
            // Events were lost, so a file may have changed and a new directory may have gone unregistered.
            changed.add(root);
            registerNewTree(root, root, null);
            return;
        }
        Path path = watched.dir().resolve((Path) event.context());
        if (event.kind() == ENTRY_CREATE && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            // Files may have been written into it before it was registered: they are changes too.
            registerNewTree(root, path, changed);
        } else if (filter.isRelevantFile(root, path)) {
            changed.add(path);
        }
    }

    /** Registers a directory that appeared while watching; one that cannot be watched is logged, not fatal. */
    private void registerNewTree(Path root, Path start, @Nullable Set<Path> existingFiles) {
        try {
            registerTree(root, start, existingFiles);
        } catch (NoSuchFileException e) {
            // Deleted again before it could be registered (a build's temporary directory): nothing to watch.
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot watch " + start + " for changes: " + e);
        }
    }

    /**
     * Registers {@code start} and the directories below it that are not excluded.
     *
     * @param existingFiles where to add the relevant files found, or null not to look for them
     */
    private void registerTree(Path root, Path start, @Nullable Set<Path> existingFiles) throws IOException {
        if (filter.isExcludedDirectory(root, start)) {
            return;
        }
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(start) && filter.isExcludedDirectory(root, dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                WatchKey key = dir.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                directories.put(key, new WatchedDirectory(root, dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (existingFiles != null && attrs.isRegularFile() && filter.isRelevantFile(root, file)) {
                    existingFiles.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(start)) {
                    throw e;
                }
                // A subdirectory that vanished or cannot be read is not worth failing the whole watch for.
                LOG.log(System.Logger.Level.DEBUG, "Not watching " + file + ": " + e);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Stops watching; a thread blocked in {@link #awaitChanges} returns. */
    @Override
    public void close() throws IOException {
        watchService.close();
    }

    /**
     * Names changed paths for Uvicorn's log line {@code WatchFiles detected changes in 'x.py'. Reloading...}: each
     * path relative to the working directory when inside it, quoted, comma-separated; after five, {@code ...}.
     *
     * @param changed paths as {@link #awaitChanges} returns them
     * @param cwd     the working directory
     * @return for example {@code 'target/classes/com/x/App.class', 'b.jar'}
     */
    public static String describe(List<Path> changed, Path cwd) {
        Path base = cwd.toAbsolutePath().normalize();
        Path realBase = realPathOrSelf(base);
        String names = changed.stream()
                .limit(DESCRIBED_PATHS)
                .map(path -> "'" + displayed(path, base, realBase) + "'")
                .collect(Collectors.joining(", "));
        return changed.size() > DESCRIBED_PATHS ? names + ", ..." : names;
    }

    private static String displayed(Path path, Path base, Path realBase) {
        // Watched paths are real paths; the working directory may be given through a symbolic link.
        for (Path candidate : List.of(base, realBase)) {
            if (path.startsWith(candidate)) {
                String relative = candidate.relativize(path).toString();
                return relative.isEmpty() ? "." : relative;
            }
        }
        return path.toString();
    }

    private static Path realPathOrSelf(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
