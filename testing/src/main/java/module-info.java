/**
 * An in-process test client for jvicorn applications: drives an {@code Application} with the scopes and rules of the
 * server, without sockets; and a listener for the JDK's WebSocket client, for tests against a real server.
 */
module io.jvicorn.testing {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.lifespan;
    requires transitive java.net.http;
    exports io.jvicorn.testing;
}
