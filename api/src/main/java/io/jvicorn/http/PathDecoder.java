package io.jvicorn.http;

import java.nio.charset.StandardCharsets;

/** Turns a raw request path into ASGI's {@code path}: percent-decoded, then UTF-8 decoded. */
public final class PathDecoder {
    private PathDecoder() {
    }

    /**
     * Percent-decodes a raw path into a UTF-8 string. Every {@code %XX} is decoded, {@code %2F} included (the ASGI
     * path is fully decoded; {@code raw_path} keeps the original); a {@code %} not followed by two hex digits is kept
     * as it is. Invalid UTF-8 becomes U+FFFD.
     *
     * @param rawPath the path bytes as received
     * @return the decoded path
     */
    public static String decode(byte[] rawPath) {
        int len = rawPath.length;
        int firstPercent = -1;
        for (int i = 0; i < len; i++) {
            if (rawPath[i] == '%') {
                firstPercent = i;
                break;
            }
        }
        if (firstPercent < 0) {
            return new String(rawPath, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[len];
        System.arraycopy(rawPath, 0, out, 0, firstPercent);
        int o = firstPercent;
        int i = firstPercent;
        while (i < len) {
            byte b = rawPath[i];
            if (b == '%' && i + 2 < len && hex(rawPath[i + 1]) >= 0 && hex(rawPath[i + 2]) >= 0) {
                out[o++] = (byte) (hex(rawPath[i + 1]) << 4 | hex(rawPath[i + 2]));
                i += 3;
            } else {
                out[o++] = b;
                i++;
            }
        }
        return new String(out, 0, o, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return HttpSyntax.hexValue(b & 0xFF);
    }
}
