package io.jvicorn.http11.codec;

import java.nio.charset.StandardCharsets;

/**
 * Responses the server writes whole, outside an application's response: the interim {@code 100 Continue}, and the
 * complete closing responses for errors, refusals and the debug page.
 */
public final class ServerResponses {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private ServerResponses() {
    }

    /**
     * The interim response to {@code Expect: 100-continue}.
     *
     * @return a new array holding {@code "HTTP/1.1 100 Continue\r\n\r\n"}
     */
    public static byte[] continueResponse() {
        return CONTINUE.clone();
    }

    /**
     * A complete error or plain-text response after which the connection closes: status line, default headers,
     * {@code content-type: text/plain; charset=utf-8}, {@code content-length}, {@code connection: close}, body.
     *
     * @param status   the status code, 100..599
     * @param body     the text, sent as UTF-8
     * @param defaults the default headers
     * @return the encoded response
     */
    public static byte[] plainResponse(int status, String body, DefaultHeaders defaults) {
        return closingResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), defaults);
    }

    /**
     * A complete response after which the connection closes: status line, default headers, {@code content-type},
     * {@code content-length}, {@code connection: close}, content.
     *
     * @param status      the status code, 100..599
     * @param contentType the {@code content-type} value, US-ASCII
     * @param content     the body
     * @param defaults    the default headers
     * @return the encoded response
     */
    public static byte[] closingResponse(int status, String contentType, byte[] content, DefaultHeaders defaults) {
        OutputBuffer out = new OutputBuffer();
        out.write(HttpStatus.statusLine(status));
        defaults.writeTo(out, true, true);
        out.writeAscii("content-type: ");
        out.writeAscii(contentType);
        out.writeAscii("\r\ncontent-length: ");
        out.writeDecimal(content.length);
        out.writeAscii("\r\nconnection: close\r\n\r\n");
        out.write(content);
        return out.toByteArray();
    }
}
