package io.jvicorn.asgi;

/**
 * The scope's {@code asgi} entry.
 *
 * @param version     the ASGI version, always {@code "3.0"}
 * @param specVersion the version of the protocol specification this scope follows
 */
public record AsgiVersion(String version, String specVersion) {
    /** HTTP and WebSocket scopes: ASGI 3.0, HTTP+WebSocket spec 2.4 (send after disconnect raises). */
    public static final AsgiVersion HTTP = new AsgiVersion("3.0", "2.4");
    /** Lifespan scopes: ASGI 3.0, lifespan spec 2.0. */
    public static final AsgiVersion LIFESPAN = new AsgiVersion("3.0", "2.0");
}
