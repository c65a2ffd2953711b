/**
 * HTTP/2 framing (RFC 9113 §3.4, §4, §6), sans-IO: {@link io.jvicorn.http2.frame.FrameDecoder} turns a client's bytes
 * into {@link io.jvicorn.http2.frame.FrameEvent}s, refusing at the first octet that breaks a rule with a
 * {@link io.jvicorn.http2.frame.FrameViolation} (its error code, and whether the connection or only the stream ends);
 * {@link io.jvicorn.http2.frame.FrameEncoder} writes frames. Stream states and flow control belong to the layer above.
 */
@NullMarked
package io.jvicorn.http2.frame;

import org.jspecify.annotations.NullMarked;
