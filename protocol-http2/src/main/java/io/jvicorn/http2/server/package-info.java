/**
 * HTTP/2 on the engine: {@link io.jvicorn.http2.server.Http2Server} takes over connections (prior knowledge on the
 * plain port, ALPN {@code h2} on TLS) and runs an {@link io.jvicorn.http2.session.Http2Session} per connection on its
 * loop ({@link io.jvicorn.http2.server.Http2ConnectionHandler}), each stream one ASGI {@code http} scope on its own
 * virtual thread ({@link io.jvicorn.http2.server.StreamExchange}).
 */
@NullMarked
package io.jvicorn.http2.server;

import org.jspecify.annotations.NullMarked;
