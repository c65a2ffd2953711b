/**
 * The WebSocket server: takes over an HTTP/1.1 upgrade ({@link io.jvicorn.websocket.server.WebSocketServer}), runs
 * the application with ASGI's websocket protocol on its virtual thread, and drives the sans-IO
 * {@link io.jvicorn.websocket.codec.WebSocketSession} from the connection's selector loop.
 */
@NullMarked
package io.jvicorn.websocket.server;

import org.jspecify.annotations.NullMarked;
