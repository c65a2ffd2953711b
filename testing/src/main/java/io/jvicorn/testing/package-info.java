/**
 * {@link io.jvicorn.testing.TestClient}: Starlette's {@code TestClient} for jvicorn applications. Requests (whole or
 * streamed bodies, client disconnects), responses (whole or chunk by chunk, trailers), WebSocket sessions and the
 * lifespan run in the test's JVM, on virtual threads, with the scope fields and send rules of the real server
 * ({@code io.jvicorn.asgi.rules}).
 */
@NullMarked
package io.jvicorn.testing;

import org.jspecify.annotations.NullMarked;
