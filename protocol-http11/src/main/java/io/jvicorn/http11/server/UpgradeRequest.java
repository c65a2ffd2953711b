package io.jvicorn.http11.server;

import io.jvicorn.asgi.Address;
import io.jvicorn.asgi.Application;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.RequestHead;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket handshake request handed over by the HTTP/1.1 side.
 *
 * @param connection the connection, reads suspended
 * @param head       the parsed request head
 * @param path       the decoded path, root path included
 * @param rawPath    the raw path, root path included
 * @param client     the client's address
 * @param server     the server's address
 * @param app        the application that runs the session (the one served when the handshake arrived)
 * @param state      a shallow copy of that application's lifespan state for this scope
 * @param settings   the HTTP settings (default headers, root path)
 * @param leftover   bytes received after the request head (the first frames, if the client was quick)
 * @param scheme     {@code "ws"} or {@code "wss"}, after trusted proxy headers
 * @param tls        the ASGI {@code tls} scope extension on a TLS connection, else null
 * @param shuttingDown whether a graceful shutdown reached this connection before the WebSocket handler took it over
 *                   (read it on the loop thread when installing the handler, so no shutdown falls between the two)
 * @param stream     the HTTP/2 stream of an extended CONNECT (RFC 8441), whose response is a head on the stream; null
 *                   for an HTTP/1.1 upgrade, whose response is written on the connection
 */
public record UpgradeRequest(
        Transport connection,
        RequestHead head,
        String path,
        byte[] rawPath,
        @Nullable Address client,
        @Nullable Address server,
        Application app,
        Map<String, Object> state,
        HttpSettings settings,
        ByteBuffer leftover,
        String scheme,
        @Nullable Map<String, Object> tls,
        BooleanSupplier shuttingDown,
        @Nullable UpgradeStream stream) {
}
