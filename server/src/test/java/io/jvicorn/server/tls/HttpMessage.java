package io.jvicorn.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 response read from a raw stream (content-length framed, as {@link ScopeApp} answers).
 *
 * @param status  the status code
 * @param headers lower-case names
 * @param body    the body
 */
public record HttpMessage(int status, Map<String, String> headers, byte[] body) {

    /** @return the body as UTF-8 */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param in the stream
     * @return the next response
     * @throws IOException if the stream ends or is malformed
     */
    public static HttpMessage read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String length = headers.get("content-length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new HttpMessage(Integer.parseInt(statusLine.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return b.toString().stripTrailing();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }
}
