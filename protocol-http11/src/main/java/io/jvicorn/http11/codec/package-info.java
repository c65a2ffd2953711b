/**
 * A sans-IO HTTP/1.1 codec: {@link io.jvicorn.http11.codec.RequestParser} turns request bytes into
 * {@link io.jvicorn.http11.codec.ParseEvent}s and {@link io.jvicorn.http11.codec.ResponseEncoder} turns a response into
 * bytes in an {@link io.jvicorn.http11.codec.OutputBuffer}. Nothing here touches sockets, threads or timers.
 *
 * <p>The parser is strict in the sense of RFC 9112: every framing ambiguity that has led to request smuggling elsewhere
 * (bare LF, obs-fold, duplicate or malformed Content-Length, Content-Length with Transfer-Encoding, malformed chunk
 * lines) is rejected with a {@link io.jvicorn.http11.codec.ParseError} naming the
 * {@link io.jvicorn.http11.codec.Violation}: the rule broken, the RFC section stating it and the status to answer with.
 */
@NullMarked
package io.jvicorn.http11.codec;

import org.jspecify.annotations.NullMarked;
