package io.jvicorn.benchmarks.peers;

import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import java.time.Duration;

/** Runs {@link BenchApp} on jvicorn's embeddable server, without access log. */
public final class JvicornServer {
    private JvicornServer() {
    }

    /**
     * Starts the server and serves until the process is stopped.
     *
     * @param args see {@link ServerArgs}
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        ServerArgs a = ServerArgs.parse(args);
        // A long keep-alive timeout, as for every peer, so the idle-connection workload measures idle connections.
        Server server = new Server(ServerConfig.builder(new BenchApp())
                .host(a.host())
                .port(a.port())
                .accessLog(false)
                .timeoutKeepAlive(Duration.ofSeconds(120))
                .build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        a.announce("jvicorn");
        server.awaitTermination();
    }
}
