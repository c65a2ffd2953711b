package io.jvicorn.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The client's half of permessage-deflate, written directly on java.util.zip for the tests. */
final class ClientDeflate {

    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private ClientDeflate() {
    }

    /** Compresses a message with SYNC_FLUSH and removes the 00 00 FF FF tail. */
    static byte[] compress(Deflater deflater, byte[] message) {
        deflater.setInput(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        do {
            n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            out.write(chunk, 0, n);
        } while (n == chunk.length);
        byte[] all = out.toByteArray();
        if (!Arrays.equals(TAIL, Arrays.copyOfRange(all, all.length - 4, all.length))) {
            throw new AssertionError("SYNC_FLUSH output must end in 00 00 FF FF");
        }
        return Arrays.copyOf(all, all.length - 4);
    }

    /** Inflates a server message payload after restoring the tail. */
    static byte[] inflate(Inflater inflater, byte[] payload) {
        inflater.setInput(Frames.concat(payload, TAIL));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(chunk)) > 0 || !inflater.needsInput()) {
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    /** Splits a server frame sequence into payloads, checking FIN and RSV1 on each single-frame message. */
    static byte[] singleFramePayload(byte[] frame) {
        if ((frame[0] & 0xC0) != 0xC0) {
            throw new AssertionError("expected FIN and RSV1, got " + Integer.toHexString(frame[0] & 0xFF));
        }
        int length = frame[1] & 0x7F;
        int at = 2;
        if (length == 126) {
            length = ((frame[2] & 0xFF) << 8) | (frame[3] & 0xFF);
            at = 4;
        } else if (length == 127) {
            length = ((frame[6] & 0xFF) << 24) | ((frame[7] & 0xFF) << 16) | ((frame[8] & 0xFF) << 8) | (frame[9] & 0xFF);
            at = 10;
        }
        if (at + length != frame.length) {
            throw new AssertionError("frame length mismatch");
        }
        return Arrays.copyOfRange(frame, at, frame.length);
    }
}
