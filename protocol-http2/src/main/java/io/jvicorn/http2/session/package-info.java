/**
 * The HTTP/2 connection above the frame codec (RFC 9113 §5, §6.5, §6.9, §8), sans-IO: {@link
 * io.jvicorn.http2.session.Http2Session} is fed a client's bytes, keeps SETTINGS, stream states ({@link
 * io.jvicorn.http2.session.StreamState}, changed only through {@link io.jvicorn.http2.session.StreamTransitions}), stream
 * identifiers, flow-control windows both ways and the flood counters, validates request header blocks, reports what the
 * server must act on to a {@link io.jvicorn.http2.session.SessionListener}, and writes the frames it owes into an output
 * buffer the caller drains. Each rule it enforces is a named {@link io.jvicorn.http2.session.SessionViolation}. No
 * sockets, threads or clocks.
 */
@NullMarked
package io.jvicorn.http2.session;

import org.jspecify.annotations.NullMarked;
