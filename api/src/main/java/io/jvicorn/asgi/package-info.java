/**
 * jvicorn's application protocol, modelled on ASGI 3.0: an {@link io.jvicorn.asgi.Application} is called with a
 * {@link io.jvicorn.asgi.Scope} and exchanges typed messages through {@link io.jvicorn.asgi.Receive} and
 * {@link io.jvicorn.asgi.Send}. Message and scope types keep ASGI's names: {@code http.request} is
 * {@link io.jvicorn.asgi.HttpRequest}, {@code websocket.accept} is {@link io.jvicorn.asgi.WebSocketAccept}, and so on.
 *
 * <p>Byte strings that ASGI carries as {@code bytes} (header names and values) are Java strings in ISO-8859-1: one
 * {@code char} per byte on the wire, so every byte is preserved and compact strings store them as bytes anyway.
 */
@NullMarked
package io.jvicorn.asgi;

import org.jspecify.annotations.NullMarked;
