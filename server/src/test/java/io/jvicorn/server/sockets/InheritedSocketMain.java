package io.jvicorn.server.sockets;

import io.jvicorn.lifespan.LifespanMode;
import io.jvicorn.server.Server;
import io.jvicorn.server.ServerConfig;
import io.jvicorn.server.tls.ScopeApp;

/**
 * Serves {@link ScopeApp} on an inherited listening socket, for a child JVM: standard input ({@code --fd 0}), or the
 * descriptor given as the argument.
 */
public final class InheritedSocketMain {
    private InheritedSocketMain() {
    }

    /**
     * @param args nothing, or the descriptor number
     * @throws Exception if the server does not start
     */
    public static void main(String[] args) throws Exception {
        int fd = args.length == 0 ? 0 : Integer.parseInt(args[0]);
        Server server = new Server(ServerConfig.builder(new ScopeApp()).fd(fd).loops(1).accessLog(false)
                .logRunningOn(false).lifespan(LifespanMode.OFF).build()); // stdout carries only the ready line
        server.start();
        System.out.println("listening on " + server.listenAddresses() + " " + server.runningOn());
        System.out.flush();
        server.awaitTermination();
    }
}
