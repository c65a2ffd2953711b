/**
 * The WebSocket protocol without I/O (RFC 6455 with RFC 7692 permessage-deflate), server side: the opening handshake
 * ({@link io.jvicorn.websocket.codec.WebSocketHandshake}), and a {@link io.jvicorn.websocket.codec.WebSocketSession}
 * that turns received bytes into complete messages and control events and encodes outgoing frames.
 *
 * <p>Nothing here touches sockets, threads or clocks: the caller feeds bytes in, writes the bytes it gets out, and
 * keeps its own timers.
 */
@NullMarked
package io.jvicorn.websocket.codec;

import org.jspecify.annotations.NullMarked;
