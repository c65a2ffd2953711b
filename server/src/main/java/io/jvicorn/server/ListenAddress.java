package io.jvicorn.server;

import java.nio.file.Path;

/** One place to listen, parsed from a Gunicorn-style {@code --bind} value or from {@code --uds}/{@code --fd}. */
sealed interface ListenAddress {

    /**
     * A TCP address.
     *
     * @param host a name or IP literal (IPv6 without brackets)
     * @param port the port, 0 for a free one
     */
    record Tcp(String host, int port) implements ListenAddress {
    }

    /**
     * A unix domain socket.
     *
     * @param path the socket file
     */
    record Unix(Path path) implements ListenAddress {
    }

    /**
     * A listening socket inherited from the parent process.
     *
     * @param fd the file descriptor: 0 (standard input), or on Java 22 or newer any other, which is moved onto 0
     */
    record Inherited(int fd) implements ListenAddress {
    }

    /**
     * Parses {@code HOST}, {@code HOST:PORT}, {@code [IPv6]}, {@code [IPv6]:PORT}, {@code unix:PATH} or
     * {@code fd://N}.
     *
     * @param bind        the value
     * @param defaultPort the port for a value without one
     * @return the address
     * @throws IllegalArgumentException naming what is wrong
     */
    static ListenAddress parse(String bind, int defaultPort) {
        String value = bind.strip();
        if (value.startsWith("unix:")) {
            String path = value.substring("unix:".length());
            if (path.isEmpty()) {
                throw new IllegalArgumentException("bind '" + bind + "' has no path after 'unix:'");
            }
            return new Unix(Path.of(path));
        }
        if (value.startsWith("fd://")) {
            return new Inherited(parseFd(value.substring("fd://".length()), bind));
        }
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bind '" + bind + "' has no ']' after the IPv6 address");
            }
            host = value.substring(1, close);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("bind '" + bind + "': expected ':PORT' after ']'");
            }
            port = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("bind '" + bind + "': put an IPv6 address in brackets, as in "
                        + "[::1]:8000");
            }
            host = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? null : value.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("bind '" + bind + "' has no host (use 0.0.0.0:PORT or [::]:PORT for "
                    + "every interface)");
        }
        return new Tcp(host, port == null ? defaultPort : parsePort(port, bind));
    }

    /**
     * @param fd     the text of a file descriptor number
     * @param source the whole option value, for messages
     * @return the number
     */
    static int parseFd(String fd, String source) {
        try {
            int n = Integer.parseInt(fd);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + source + "' is not a file descriptor number");
    }

    private static int parsePort(String port, String bind) {
        try {
            int n = Integer.parseInt(port);
            if (n >= 0 && n <= 65535) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bind '" + bind + "': '" + port + "' is not a port (0..65535)");
    }
}
