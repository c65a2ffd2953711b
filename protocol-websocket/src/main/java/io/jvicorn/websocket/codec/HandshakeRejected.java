package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.Header;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An invalid opening handshake, answered with an HTTP error and no upgrade.
 *
 * @param status  426 for a missing or unsupported {@code Sec-WebSocket-Version}, otherwise 400
 * @param reason  a short explanation, sent as the plain-text body
 * @param headers headers the response must carry ({@code Sec-WebSocket-Version: 13} with 426)
 */
public record HandshakeRejected(int status, String reason, List<Header> headers) implements HandshakeOutcome {

    /** Copies the list. */
    public HandshakeRejected {
        headers = List.copyOf(headers);
    }

    /**
     * A complete HTTP/1.1 response that closes the connection.
     *
     * @param defaultHeaders header lines written verbatim, each ending in CRLF (for example date and server)
     * @return the response bytes
     */
    public byte[] encodeResponse(byte[] defaultHeaders) {
        byte[] body = reason.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + defaultHeaders.length + body.length);
        String phrase = status == 426 ? "Upgrade Required" : "Bad Request";
        out.writeBytes(("HTTP/1.1 " + status + " " + phrase + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(defaultHeaders);
        StringBuilder lines = new StringBuilder();
        for (Header header : headers) {
            lines.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        lines.append("content-type: text/plain; charset=utf-8\r\n")
                .append("content-length: ").append(body.length).append("\r\n")
                .append("connection: close\r\n\r\n");
        out.writeBytes(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }
}
