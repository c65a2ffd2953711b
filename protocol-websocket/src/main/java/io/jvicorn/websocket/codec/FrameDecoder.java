package io.jvicorn.websocket.codec;

import static io.jvicorn.websocket.codec.ProtocolViolation.protocolError;

import java.nio.ByteBuffer;

/**
 * Incremental decoder of client-to-server frames (RFC 6455 §5.2): parses a header from bytes that may arrive split
 * anywhere, checks every rule that a header alone can break, then unmasks the payload in place as it arrives.
 *
 * <p>One frame at a time: {@link #readHeader} until it returns true, then {@link #unmaskAvailable} until
 * {@link #payloadRemaining()} is zero, then {@link #finishFrame()}.
 */
final class FrameDecoder {

    private static final int LARGEST_HEADER = 14;

    private final boolean rsv1Allowed;
    private final byte[] header = new byte[LARGEST_HEADER];
    private int headerFill;
    private int headerSize;
    private boolean inPayload;

    private boolean fin;
    private boolean rsv1;
    private int opcode;
    private long payloadLength;
    private long remaining;
    private int maskKey;
    private int maskPhase;

    /**
     * @param rsv1Allowed whether permessage-deflate was negotiated, which gives RSV1 its meaning
     */
    FrameDecoder(boolean rsv1Allowed) {
        this.rsv1Allowed = rsv1Allowed;
    }

    /**
     * Consumes header bytes from {@code in}; never reads past the header.
     *
     * @param in the received bytes
     * @return true when the header is complete and the payload comes next
     * @throws ProtocolViolation if the header breaks a framing rule
     */
    boolean readHeader(ByteBuffer in) throws ProtocolViolation {
        if (inPayload) {
            return true;
        }
        if (headerFill < 2) {
            take(in, 2);
            if (headerFill < 2) {
                return false;
            }
            checkFirstTwoBytes();
        }
        take(in, headerSize);
        if (headerFill < headerSize) {
            return false;
        }
        parseLengthAndKey();
        headerFill = 0;
        inPayload = true;
        remaining = payloadLength;
        maskPhase = 0;
        return true;
    }

    private void take(ByteBuffer in, int upTo) {
        int n = Math.min(upTo - headerFill, in.remaining());
        in.get(header, headerFill, n);
        headerFill += n;
    }

    private void checkFirstTwoBytes() throws ProtocolViolation {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        fin = (b0 & 0x80) != 0;
        rsv1 = (b0 & 0x40) != 0;
        opcode = b0 & 0x0F;
        if ((b0 & 0x30) != 0) {
            throw protocolError("reserved bits RSV2/RSV3 set");
        }
        if (!Opcode.isKnown(opcode)) {
            throw protocolError("reserved opcode " + opcode);
        }
        if (rsv1 && (!rsv1Allowed || opcode == Opcode.CONTINUATION || Opcode.isControl(opcode))) {
            // With permessage-deflate RSV1 marks a compressed message, so only its first frame may carry it.
            throw protocolError("reserved bit RSV1 set");
        }
        if ((b1 & 0x80) == 0) {
            throw protocolError("client frame is not masked");
        }
        int shortLength = b1 & 0x7F;
        if (Opcode.isControl(opcode)) {
            if (!fin) {
                throw protocolError("fragmented control frame");
            }
            if (shortLength > 125) {
                throw protocolError("control frame longer than 125 bytes");
            }
        }
        int extendedLength = shortLength == 126 ? 2 : shortLength == 127 ? 8 : 0;
        headerSize = 2 + extendedLength + 4;
    }

    private void parseLengthAndKey() throws ProtocolViolation {
        int shortLength = header[1] & 0x7F;
        int keyAt;
        if (shortLength == 126) {
            payloadLength = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            if (payloadLength < 126) {
                throw protocolError("non-minimal frame length");
            }
            keyAt = 4;
        } else if (shortLength == 127) {
            long length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xFF);
            }
            if (length < 0) {
                throw protocolError("frame length has the most significant bit set");
            }
            if (length < 65536) {
                throw protocolError("non-minimal frame length");
            }
            payloadLength = length;
            keyAt = 10;
        } else {
            payloadLength = shortLength;
            keyAt = 2;
        }
        maskKey = ((header[keyAt] & 0xFF) << 24) | ((header[keyAt + 1] & 0xFF) << 16)
                | ((header[keyAt + 2] & 0xFF) << 8) | (header[keyAt + 3] & 0xFF);
    }

    /**
     * Unmasks, in place, the payload bytes of this frame that {@code in} holds from its position; the position does
     * not move. The caller must consume exactly the returned number of bytes before calling again.
     *
     * @param in a writable buffer with received bytes
     * @return how many payload bytes, starting at {@code in.position()}, are now plain
     */
    int unmaskAvailable(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        maskPhase = Masking.unmask(in, in.position(), n, maskKey, maskPhase);
        remaining -= n;
        return n;
    }

    /** Ends the current frame; the next {@link #readHeader} call starts a new one. */
    void finishFrame() {
        inPayload = false;
    }

    boolean fin() {
        return fin;
    }

    boolean rsv1() {
        return rsv1;
    }

    int opcode() {
        return opcode;
    }

    long payloadLength() {
        return payloadLength;
    }

    long payloadRemaining() {
        return remaining;
    }
}
