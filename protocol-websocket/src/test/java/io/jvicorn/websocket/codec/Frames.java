package io.jvicorn.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Test-side frame builder, written independently of the production encoder: client frames (masked, as a browser
 * sends them) and the server frames the tests expect byte for byte.
 */
final class Frames {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;

    /** Forces a length encoding regardless of the payload length, for the non-minimal length tests. */
    enum LengthForm { MINIMAL, SIXTEEN_BIT, SIXTY_FOUR_BIT }

    private static final Random KEYS = new Random(6455);

    private Frames() {
    }

    /** A masked client frame with a pseudo-random key; {@code firstByte} holds FIN, RSV and opcode. */
    static byte[] client(int firstByte, byte[] payload) {
        byte[] key = new byte[4];
        KEYS.nextBytes(key);
        return client(firstByte, payload, key, LengthForm.MINIMAL);
    }

    static byte[] client(int firstByte, byte[] payload, byte[] key, LengthForm form) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0x80, payload.length, form);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    /** A client frame without the mask bit. */
    static byte[] unmaskedClient(int firstByte, byte[] payload) {
        return server(firstByte, payload);
    }

    /** An unmasked server frame. */
    static byte[] server(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0, payload.length, LengthForm.MINIMAL);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int maskBit, long length, LengthForm form) {
        if (form == LengthForm.MINIMAL) {
            form = length < 126 ? null : length < 65536 ? LengthForm.SIXTEEN_BIT : LengthForm.SIXTY_FOUR_BIT;
        }
        if (form == null) {
            out.write(maskBit | (int) length);
        } else if (form == LengthForm.SIXTEEN_BIT) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
    }

    /** A masked header announcing {@code length} payload bytes in 64-bit form, without the payload. */
    static byte[] clientHeader64(int firstByte, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0x80, length, LengthForm.SIXTY_FOUR_BIT);
        out.writeBytes(new byte[] {1, 2, 3, 4});
        return out.toByteArray();
    }

    static byte[] text(String text) {
        return client(FIN | TEXT, utf8(text));
    }

    static byte[] binary(byte[] bytes) {
        return client(FIN | BINARY, bytes);
    }

    static byte[] close(int code, String reason) {
        return client(FIN | CLOSE, closePayload(code, utf8(reason)));
    }

    static byte[] closePayload(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] hex(String hex) {
        String compact = hex.replace(" ", "");
        byte[] bytes = new byte[compact.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(compact.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    static String toHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    /** {@code n} bytes of a repeating pattern, like Autobahn's payload_len repetition. */
    static byte[] repeat(String pattern, int n) {
        byte[] p = utf8(pattern);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = p[i % p.length];
        }
        return out;
    }
}
