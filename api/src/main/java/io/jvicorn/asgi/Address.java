package io.jvicorn.asgi;

import org.jspecify.annotations.Nullable;

/**
 * A scope's {@code client} or {@code server}: {@code [host, port]}, or {@code [path, None]} for a unix socket.
 *
 * @param host an IP address literal (no brackets) or a unix socket path
 * @param port the port, or null for a unix socket
 */
public record Address(String host, @Nullable Integer port) {
    @Override
    public String toString() {
        if (port == null) {
            return host;
        }
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
