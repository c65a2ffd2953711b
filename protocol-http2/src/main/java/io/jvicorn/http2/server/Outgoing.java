package io.jvicorn.http2.server;

import io.jvicorn.asgi.Header;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A response part a stream's thread hands to the loop to send: the head (first part only), data, END_STREAM, trailers.
 * The loop advances {@link #data} and clears {@link #headers} as the session takes them.
 */
final class Outgoing {
    @Nullable List<Header> headers;
    final int status;
    final ByteBuffer data;
    final boolean endStream;
    final @Nullable List<Header> trailers;

    Outgoing(@Nullable List<Header> headers, int status, ByteBuffer data, boolean endStream,
            @Nullable List<Header> trailers) {
        this.headers = headers;
        this.status = status;
        this.data = data;
        this.endStream = endStream;
        this.trailers = trailers;
    }
}
