package io.jvicorn.asgi;

import java.util.Map;

/**
 * ASGI's {@code lifespan} scope: once per server process.
 *
 * @param asgi  ASGI and lifespan spec versions
 * @param state the state map the application fills at startup; each connection scope gets a shallow copy
 */
public record LifespanScope(AsgiVersion asgi, Map<String, Object> state) implements Scope {

    @Override
    public String type() {
        return "lifespan";
    }
}
