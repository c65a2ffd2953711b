package io.jvicorn.server.sockets;

import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.tls.ScopeApp;

/** Serves {@link ScopeApp} on the listening socket inherited as standard input ({@code --fd 0}), for a child JVM. */
public final class InheritedSocketMain {
    private InheritedSocketMain() {
    }

    /**
     * @param args none
     * @throws Exception if the server does not start
     */
    public static void main(String[] args) throws Exception {
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(0).loops(1).accessLog(false)
                .lifespan(LifespanMode.OFF).build());
        server.start();
        System.out.println("listening on " + server.listenAddresses() + " " + server.runningOn());
        System.out.flush();
        server.awaitTermination();
    }
}
