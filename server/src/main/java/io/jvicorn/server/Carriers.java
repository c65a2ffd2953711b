package io.jvicorn.server;

/**
 * Which threads carry the virtual threads that run a plain (blocking) {@code Application}.
 *
 * <p>{@link #LOOPS}, the default: each connection's selector loop carries its virtual threads. A request read by the
 * loop runs right after on the same thread, with no hand-off to another thread and no wake-up; when the application
 * blocks (reads a body, waits on a socket, a database, a lock or a sleep) its virtual thread unmounts and the loop
 * serves its other connections. An application that computes for long, or blocks the thread in native code or file
 * I/O, holds up the other connections of its loop meanwhile, as a Netty handler or an async Python application does.
 * It needs the JDK's internal virtual-thread builder, opened with {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * (the {@code jvicorn} jar's manifest does it), and Java 24 or newer, where {@code synchronized} no longer pins a
 * virtual thread to its carrier; without either, the server uses {@link #POOL} and says so in its log.
 *
 * <p>{@link #POOL}: the JDK's scheduler, a ForkJoinPool on the processors the loops leave ({@link CoreShare}). Each
 * request crosses from the loop to a carrier thread; a long computation delays only the requests queued behind it on
 * that carrier. Choose it for CPU-heavy applications.
 */
public enum Carriers {
    /** Selector loops carry their connections' virtual threads. */
    LOOPS,
    /** The JDK's ForkJoinPool carries them. */
    POOL
}
