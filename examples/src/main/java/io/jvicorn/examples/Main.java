package io.jvicorn.examples;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;

/** Embeds jvicorn: serves {@link HelloApp} on http://127.0.0.1:8000 until the process is stopped. */
public final class Main {
    private Main() {
    }

    /**
     * Starts the server and blocks until it shuts down.
     *
     * @param args ignored
     * @throws Exception if the server cannot start (for example, port 8000 is in use)
     */
    public static void main(String[] args) throws Exception {
        try (Server server = new Server(ServerConfig.builder(new HelloApp()).build())) {
            server.handleSignals(); // Ctrl+C or SIGTERM: drain, lifespan shutdown, exit 0; Ctrl+C twice forces
            server.start();         // logs "jvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)"
            server.awaitTermination();
        }
    }
}
