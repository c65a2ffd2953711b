package io.jvicorn.cli;

import io.jvicorn.asgi.Application;
import io.jvicorn.cli.reload.ChangeWatcher;
import io.jvicorn.cli.reload.ReloadSettings;
import io.jvicorn.lifespan.LifespanFailedException;
import io.jvicorn.server.Server;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * {@code --reload --reload-mode in-process}: one server runs throughout, keeping its sockets and connections. On each
 * change the application is loaded in a new {@link io.jvicorn.cli.reload.ChildFirstClassLoader} and handed to
 * {@link Server#replaceApplication}, which runs its lifespan startup, moves new requests to it and retires the old
 * application once its requests finished; then the old loader is closed and nothing refers to it. When the new code
 * does not load or its startup fails, the error is logged and the old application keeps serving.
 *
 * <p>The class path of each loader is every {@code --app-dir}, then every {@code --reload-dir} given (as a class
 * directory) with the jars directly inside it, listed again at each reload.
 *
 * <p>{@link #loadFirst} runs on the main thread before the server starts; after {@link #start}, {@link #reload} runs
 * on the watcher thread alone, which owns {@link #current} and {@link #generation} from then on.
 */
final class InProcessReload implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CliLogging.ERROR_LOGGER);

    private final String importString;
    private final boolean factory;
    private final List<Path> appDirs;
    private final List<Path> reloadDirs;
    private final ReloadSettings settings;
    private final Duration delay;
    private final ClassLoader parent = InProcessReload.class.getClassLoader();
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private @Nullable AppLoader current;
    private int generation;
    private @Nullable ChangeWatcher watcher;
    private @Nullable Thread watching;

    /**
     * @param importString the application, {@code module:attribute}
     * @param factory      whether the attribute is a factory ({@code --factory})
     * @param appDirs      the {@code --app-dir} entries
     * @param reloadDirs   the {@code --reload-dir} entries given, absolute
     * @param settings     what to watch
     * @param delay        how long changes must settle ({@code --reload-delay})
     */
    InProcessReload(String importString, boolean factory, List<Path> appDirs, List<Path> reloadDirs,
                    ReloadSettings settings, Duration delay) {
        this.importString = importString;
        this.factory = factory;
        this.appDirs = List.copyOf(appDirs);
        this.reloadDirs = List.copyOf(reloadDirs);
        this.settings = settings;
        this.delay = delay;
    }

    /**
     * Loads the application the server starts with.
     *
     * @return the application
     * @throws AppLoadException if it cannot be loaded
     */
    Application loadFirst() throws AppLoadException {
        AppLoader loader = newLoader();
        try {
            Application app = loader.load(importString, factory);
            current = loader;
            return app;
        } catch (AppLoadException e) {
            loader.close();
            throw e;
        }
    }

    /** @return the class loader of the application serving now */
    ClassLoader classLoader() {
        AppLoader loader = current;
        if (loader == null) {
            throw new IllegalStateException("loadFirst() has not succeeded");
        }
        return loader.classLoader();
    }

    private AppLoader newLoader() {
        generation++;
        return AppLoader.childFirst(classPath(), parent, "jvicorn-app-" + generation);
    }

    /** The {@code --app-dir}s, then each {@code --reload-dir} and the jars directly in it, sorted by name. */
    private List<Path> classPath() {
        List<Path> entries = new ArrayList<>(appDirs);
        for (Path dir : reloadDirs) {
            if (!entries.contains(dir)) {
                entries.add(dir);
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                        .sorted()
                        .filter(jar -> !entries.contains(jar))
                        .forEach(entries::add);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "not listing jars in {0}: {1}", dir, e.toString());
            }
        }
        return entries;
    }

    /**
     * Watches for changes and reloads into {@code server} on each, on a thread of its own.
     *
     * @param server the started server
     * @throws IOException if the watcher cannot be set up
     */
    void start(Server server) throws IOException {
        ChangeWatcher changes = new ChangeWatcher(settings);
        watcher = changes;
        watching = Thread.ofPlatform().daemon().name("jvicorn-reload-watcher").start(() -> watch(changes, server));
    }

    private void watch(ChangeWatcher changes, Server server) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<Path> changed = changes.awaitChanges(delay);
                if (changed.isEmpty()) {
                    return; // closed
                }
                LOG.log(Level.WARNING, "WatchService detected changes in "
                        + ChangeWatcher.describe(changed, workingDirectory) + ". Reloading...");
                reload(server);
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    /**
     * Loads the application afresh and makes the server serve it.
     *
     * @param server the started server
     * @return true if the new application serves now; false if it failed to load or start (logged), so the old one
     *         still serves
     * @throws InterruptedException if interrupted during the new application's startup
     */
    boolean reload(Server server) throws InterruptedException {
        AppLoader next = newLoader();
        Application app;
        try {
            app = next.load(importString, factory);
        } catch (AppLoadException e) {
            LOG.log(Level.ERROR, e.getMessage() + "\nThe previous application keeps serving.", e.getCause());
            next.close();
            return false;
        }
        CompletableFuture<Void> retired;
        try {
            retired = server.replaceApplication(app, next.classLoader());
        } catch (LifespanFailedException e) {
            LOG.log(Level.ERROR, "The reloaded application's startup failed (" + e.getMessage()
                    + "); the previous application keeps serving.");
            next.close();
            return false;
        } catch (IllegalStateException e) {
            next.close(); // the server is shutting down
            return false;
        }
        AppLoader old = current;
        current = next;
        if (old != null) {
            retired.whenComplete((done, failure) -> old.close());
        }
        LOG.log(Level.INFO, "Reloaded: new requests go to the application from class loader " + next.classLoader()
                .getName() + "; running ones finish on the previous one.");
        return true;
    }

    /** Stops watching; the server's shutdown retires the application. */
    @Override
    public void close() {
        ChangeWatcher changes = watcher;
        if (changes != null) {
            try {
                changes.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing the watcher: {0}", e.toString());
            }
        }
        Thread thread = watching;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
