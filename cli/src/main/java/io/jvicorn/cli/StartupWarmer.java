package io.jvicorn.cli;

import io.jvicorn.server.Server;

/**
 * Loads and initializes what serving needs on a second thread while the main thread parses the command line, which
 * takes most of a CLI start (picocli reads its annotations reflectively): {@link Server#warmUp()}, then the class that
 * loads the application. Any failure is ignored; the main thread does the same work again when it gets there.
 */
final class StartupWarmer {
    private StartupWarmer() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        Thread.ofPlatform().daemon().name("jvicorn-warmup").start(StartupWarmer::warm);
    }

    /** Runs the warm-up on the calling thread. */
    static void warm() {
        Server.warmUp();
        try {
            Class.forName(AppLoader.class.getName(), true, StartupWarmer.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // best effort, as above
        }
    }
}
