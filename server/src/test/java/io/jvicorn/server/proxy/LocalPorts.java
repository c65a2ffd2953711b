package io.jvicorn.server.proxy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

/** Ports for the proxies the tests start (nginx, HAProxy), which need a number in their configuration. */
final class LocalPorts {
    private LocalPorts() {
    }

    /** @return a loopback port free a moment ago */
    static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return whether something accepts connections on 127.0.0.1:{@code port} */
    static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
