/**
 * The server engine: listeners, NIO selector loops on platform threads, per-connection handlers, the write path that
 * parks virtual threads on slow sockets, and one coarse timer tick per loop. It knows nothing of HTTP: protocols plug
 * in as {@link io.jvicorn.engine.ConnectionHandler}s.
 */
@NullMarked
package io.jvicorn.engine;

import org.jspecify.annotations.NullMarked;
