/** ASGI's lifespan protocol: startup and shutdown events for an application, with Uvicorn's auto/on/off modes. */
module io.jvicorn.lifespan {
    requires static org.jspecify;
    requires transitive io.jvicorn.api;
    exports io.jvicorn.lifespan;
}
