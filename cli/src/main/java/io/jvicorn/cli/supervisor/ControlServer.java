package io.jvicorn.cli.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The supervisor's end of {@link WorkerLink}: a unix socket in a fresh directory only this user can enter, a virtual
 * thread accepting workers and one reading each. Every line a worker sends reaches the listener with its pid.
 */
final class ControlServer implements AutoCloseable {
    /** Receives what workers say. */
    interface Listener {
        /**
         * @param pid  the worker's process id, from its first line
         * @param line {@code started}, {@code alive} or a metrics report
         */
        void heard(long pid, String line);
    }

    private static final System.Logger LOG = System.getLogger("jvicorn.error");
    /** Lines are a few bytes, a metrics report a few KiB; a longer one is not a worker talking. */
    private static final int MAX_LINE = 256 * 1024;

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Listener listener;

    private ControlServer(Path directory, ServerSocketChannel server, Listener listener) {
        this.directory = directory;
        this.socket = directory.resolve("control.sock");
        this.server = server;
        this.listener = listener;
    }

    /**
     * Binds the control socket and starts accepting workers.
     *
     * @param listener receives what workers say, on their reader threads
     * @return the server
     * @throws IOException if the directory or socket cannot be created
     */
    static ControlServer start(Listener listener) throws IOException {
        Path directory = Files.createTempDirectory("jvicorn-supervisor-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(directory.resolve("control.sock")));
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(directory);
            throw e;
        }
        ControlServer control = new ControlServer(directory, server, listener);
        Thread.ofVirtual().name("jvicorn-supervisor-accept").start(control::acceptWorkers);
        return control;
    }

    /** @return the socket workers connect to */
    Path socket() {
        return socket;
    }

    private void acceptWorkers() {
        while (server.isOpen()) {
            try {
                SocketChannel worker = server.accept();
                Thread.ofVirtual().name("jvicorn-supervisor-worker").start(() -> listen(worker));
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(System.Logger.Level.DEBUG, "control socket accept failed", e);
                }
                return;
            }
        }
    }

    private void listen(SocketChannel worker) {
        try (worker; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(worker),
                StandardCharsets.US_ASCII), 8192)) {
            String hello = in.readLine();
            if (hello == null || !hello.startsWith("worker ")) {
                return;
            }
            long pid = Long.parseLong(hello.substring("worker ".length()));
            String line;
            while ((line = in.readLine()) != null && line.length() <= MAX_LINE) {
                listener.heard(pid, line);
            }
        } catch (IOException | NumberFormatException e) {
            LOG.log(System.Logger.Level.DEBUG, "worker control connection ended", e);
        }
    }

    /** Closes the socket and removes its directory; connected workers see their links end when this process exits. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closed either way
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot remove " + directory, e);
        }
    }
}
