package io.jvicorn.server.websocket.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** Masked client frames (RFC 6455 §5.2), byte for byte, including the ones a correct client must never send. */
final class ClientFrames {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private ClientFrames() {
    }

    /**
     * One frame with a fresh random mask and the shortest length encoding.
     *
     * @param rsv the three reserved bits as Autobahn numbers them: 4 is RSV1, 2 is RSV2, 1 is RSV3
     */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload) {
        int n = payload.length;
        return frame(fin, rsv, opcode, payload, n < 126 ? 0 : n < 65536 ? 2 : 8, true);
    }

    /**
     * One frame with a chosen length encoding, which need not be the shortest, and optionally without a mask.
     *
     * @param lengthBytes 0 (length in the second byte), 2 or 8 extended length bytes
     */
    static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, int lengthBytes, boolean masked) {
        int n = payload.length;
        int maskBytes = masked ? 4 : 0;
        byte[] out = new byte[2 + lengthBytes + maskBytes + n];
        out[0] = (byte) ((fin ? 0x80 : 0) | (rsv & 7) << 4 | (opcode & 0xF));
        int maskBit = masked ? 0x80 : 0;
        int at;
        if (lengthBytes == 0) {
            out[1] = (byte) (maskBit | n);
            at = 2;
        } else if (lengthBytes == 2) {
            out[1] = (byte) (maskBit | 126);
            out[2] = (byte) (n >>> 8);
            out[3] = (byte) n;
            at = 4;
        } else {
            out[1] = (byte) (maskBit | 127);
            for (int i = 0; i < 8; i++) {
                out[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
            at = 10;
        }
        byte[] mask = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(mask);
            System.arraycopy(mask, 0, out, at, 4);
            at += 4;
        }
        for (int i = 0; i < n; i++) {
            out[at + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return out;
    }

    static byte[] frame(boolean fin, int opcode, byte[] payload) {
        return frame(fin, 0, opcode, payload);
    }

    static byte[] text(String text) {
        return frame(true, TEXT, utf8(text));
    }

    static byte[] text(byte[] payload) {
        return frame(true, TEXT, payload);
    }

    static byte[] binary(byte[] payload) {
        return frame(true, BINARY, payload);
    }

    static byte[] ping(byte[] payload) {
        return frame(true, PING, payload);
    }

    static byte[] ping(String payload) {
        return ping(utf8(payload));
    }

    static byte[] pong(byte[] payload) {
        return frame(true, PONG, payload);
    }

    /** A close frame carrying {@code code} and {@code reason}, which may be invalid on purpose. */
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

    /** {@code pattern} repeated, then cut, to exactly {@code length} bytes (Autobahn's {@code payload_len}). */
    static byte[] repeat(byte[] pattern, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += pattern.length) {
            System.arraycopy(pattern, 0, out, i, Math.min(pattern.length, length - i));
        }
        return out;
    }

    static byte[] repeat(String pattern, int length) {
        return repeat(utf8(pattern), length);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Parses hex such as {@code "ce ba e1"}; spaces are ignored. */
    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
