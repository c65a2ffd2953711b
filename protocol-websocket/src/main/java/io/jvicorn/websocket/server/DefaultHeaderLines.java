package io.jvicorn.websocket.server;

import io.jvicorn.asgi.Header;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.OutputBuffer;
import java.util.List;

/** The server's default header lines (server, date, {@code --header}s) in the form the handshake encoders take. */
final class DefaultHeaderLines {
    private DefaultHeaderLines() {
    }

    /**
     * The default lines for a response that also carries {@code own} headers: a default the response names itself is
     * left out, as for HTTP responses.
     *
     * @param defaults the server's defaults
     * @param own      the application's headers
     * @return header lines, each ending in CRLF
     */
    static byte[] forResponse(DefaultHeaders defaults, List<Header> own) {
        boolean server = true;
        boolean date = true;
        for (Header h : own) {
            server &= !h.is("server");
            date &= !h.is("date");
        }
        OutputBuffer out = new OutputBuffer();
        defaults.writeTo(out, server, date);
        return out.toByteArray();
    }
}
