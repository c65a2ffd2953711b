package io.jvicorn.server.sockets;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Starts a command as a socket-activating supervisor (systemd, inetd) would: with a listening TCP socket on a free port
 * of 127.0.0.1 open as a given file descriptor. Python does it, since Java's ProcessBuilder closes every descriptor
 * above 2 in the child. The first line the process prints is the port.
 */
final class SocketActivator {
    /** Binds and listens, prints the port, puts the socket on descriptor argv[1] and becomes the command after it. */
    private static final String SCRIPT = """
            import os, socket, sys
            fd = int(sys.argv[1])
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            s.listen(16)
            print(s.getsockname()[1], flush=True)
            if s.fileno() != fd:
                os.dup2(s.fileno(), fd)
            os.set_inheritable(fd, True)  # Python's own descriptors are closed on exec unless marked
            os.execvp(sys.argv[2], sys.argv[2:])
            """;

    private SocketActivator() {
    }

    /** @return python3 from the PATH, or null when it is not installed */
    static @Nullable String python() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(dir, "python3");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /**
     * @param python  the python3 executable
     * @param fd      the descriptor the listening socket gets
     * @param command what to run with it
     * @return the process, stderr merged into stdout
     * @throws IOException if python cannot be started
     */
    static Process start(String python, int fd, List<String> command) throws IOException {
        List<String> all = new ArrayList<>(List.of(python, "-c", SCRIPT, Integer.toString(fd)));
        all.addAll(command);
        return new ProcessBuilder(all).redirectErrorStream(true).start();
    }
}
