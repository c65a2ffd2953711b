/**
 * An in-process test client for jvicorn applications: drives an {@code Application} with the scopes and rules of the
 * server, without sockets.
 */
module io.jvicorn.testing {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    requires transitive io.jvicorn.lifespan;
    exports io.jvicorn.testing;
}
