/** Static files served by jvicorn itself: an application that answers a route from a directory, and falls back. */
module io.jvicorn.staticfiles {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    exports io.jvicorn.staticfiles;
}
