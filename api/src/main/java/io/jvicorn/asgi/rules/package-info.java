/**
 * The rules an implementation of the protocol applies, defined once for the server and the in-process test client:
 * how scope parts are built ({@link io.jvicorn.asgi.rules.ScopeParts}, {@link io.jvicorn.asgi.rules.TlsExtension}) and
 * which sequences of an application's sends are legal ({@link io.jvicorn.asgi.rules.HttpResponseCycle},
 * {@link io.jvicorn.asgi.rules.WebSocketPhase}). Applications do not need this package.
 */
@NullMarked
package io.jvicorn.asgi.rules;

import org.jspecify.annotations.NullMarked;
