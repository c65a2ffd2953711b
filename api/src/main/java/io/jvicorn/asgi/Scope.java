package io.jvicorn.asgi;

import java.util.Map;

/** What a connection is, ASGI's {@code scope}. Switch over the permitted types to dispatch. */
public sealed interface Scope permits ConnectionScope, LifespanScope {

    /**
     * ASGI's {@code type}: {@code "http"}, {@code "websocket"} or {@code "lifespan"}.
     *
     * @return the type name
     */
    String type();

    /**
     * ASGI's {@code asgi} entry.
     *
     * @return the versions
     */
    AsgiVersion asgi();

    /**
     * ASGI's {@code state}: the lifespan scope's own map, or a shallow copy of it in each connection scope.
     *
     * @return the mutable state map
     */
    Map<String, Object> state();
}
