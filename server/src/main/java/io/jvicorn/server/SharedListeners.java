package io.jvicorn.server;

import io.jvicorn.engine.UnixSocketFile;
import java.io.IOException;
import java.nio.channels.NetworkChannel;
import java.util.List;

/**
 * The listening addresses of a configuration, held by a supervisor process for its workers (Gunicorn's and Uvicorn's
 * {@code --workers}) or by a reloader for its server process ({@code --reload}, {@link #listenForReload}).
 *
 * <p>A JVM cannot hand a listening socket to a child process (the process builder closes every descriptor above 2),
 * so each worker binds the same TCP port itself with {@code SO_REUSEPORT} and the kernel spreads connections over the
 * workers. The supervisor keeps each port reserved: it binds a socket with {@code SO_REUSEPORT} but never listens on
 * it, which fails early on a port in use, fixes the port that {@code 0} picked, and receives no connections. An
 * inherited socket (fd 0) is shared by letting every worker inherit standard input; so is a unix socket, which the
 * supervisor listens on itself and makes its standard input first (Java 22 or newer and the jar).
 */
public final class SharedListeners implements AutoCloseable {
    private final List<? extends NetworkChannel> reservations;
    private final List<UnixSocketFile> files;
    private final List<String> workerBinds;
    private final boolean inheritStandardInput;
    private final List<String> runningOn;

    SharedListeners(List<? extends NetworkChannel> reservations, List<UnixSocketFile> files, List<String> workerBinds,
                    boolean inheritStandardInput, List<String> runningOn) {
        this.reservations = List.copyOf(reservations);
        this.files = List.copyOf(files);
        this.workerBinds = List.copyOf(workerBinds);
        this.inheritStandardInput = inheritStandardInput;
        this.runningOn = List.copyOf(runningOn);
    }

    /**
     * Reserves every place the configuration listens on.
     *
     * @param config the configuration the workers will run; its application is not used
     * @return the reservations, to close when the workers are gone
     * @throws ServerStartupException if an address is in use or does not resolve, or a unix socket cannot be shared
     */
    public static SharedListeners reserve(ServerConfig config) throws ServerStartupException {
        return ListenPlan.of(config).reserveForWorkers(config.tls() != null, config.backlog());
    }

    /**
     * Listens on the configuration's place once, for a reloader: unlike workers, which come and go together on ports
     * they each listen on, a reloader's server process is replaced, and between the old one's end and the new one's
     * start nobody would listen. So the socket is opened and listened on here and made this process's standard
     * input, which each server process inherits ({@link #inheritStandardInput()}, worker bind {@code fd://0}):
     * connections made during a restart wait in its backlog. That needs Java 22 or newer and the multi-release jar
     * (libc's {@code dup2}), and a single TCP place; otherwise the ports are reserved as {@link #reserve} does and a
     * warning says that restarts refuse connections.
     *
     * @param config the configuration the server process will run; its application is not used
     * @return the listeners, to close when the reloader stops
     * @throws ServerStartupException if an address is in use or does not resolve, or a unix socket is configured
     */
    public static SharedListeners listenForReload(ServerConfig config) throws ServerStartupException {
        return ListenPlan.of(config).listenForReload(config.tls() != null, config.backlog());
    }

    /**
     * What each worker listens on instead of the configured places, in {@code --bind} syntax: resolved TCP addresses
     * with the reserved ports ({@code 127.0.0.1:8000}, {@code [::1]:8000}) and {@code fd://0}.
     *
     * @return the workers' bind values
     */
    public List<String> workerBinds() {
        return workerBinds;
    }

    /**
     * @return whether workers must inherit the supervisor's standard input, the listening socket of {@code fd://0}
     */
    public boolean inheritStandardInput() {
        return inheritStandardInput;
    }

    /**
     * @return Uvicorn's description of each place ({@code http://127.0.0.1:8000}), for the startup line
     */
    public List<String> runningOn() {
        return runningOn;
    }

    /** Releases the ports (workers that still listen keep them) and removes the unix socket files. */
    @Override
    public void close() {
        closeAll(reservations);
        files.forEach(UnixSocketFile::delete);
    }

    /** Closes reservation sockets, also those of a reservation that failed half way. */
    static void closeAll(List<? extends NetworkChannel> reservations) {
        for (NetworkChannel reservation : reservations) {
            try {
                reservation.close();
            } catch (IOException e) {
                // nothing held any more either way
            }
        }
    }
}
