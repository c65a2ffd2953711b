package io.jvicorn.websocket.codec;

import static io.jvicorn.websocket.codec.ProtocolViolation.protocolError;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Turns received frames into events: reassembles fragmented messages (RFC 6455 §5.4), inflates compressed ones,
 * validates text as it arrives, and parses control frames, which may come between fragments.
 */
final class MessageReader implements AutoCloseable {

    private static final int NO_MESSAGE = -1;

    private final int maxMessageSize;
    private final FrameDecoder decoder;
    private final @Nullable MessageInflater inflater;
    private final MessageBuffer message = new MessageBuffer();
    private final Utf8Validator utf8 = new Utf8Validator();
    private final byte[] control = new byte[125];
    private int controlLength;
    private boolean inFrame;

    private int messageOpcode = NO_MESSAGE;
    private boolean messageCompressed;
    private long compressedLength;

    /**
     * @param maxMessageSize the largest message, after decompression
     * @param inflater       the decompressor when permessage-deflate was agreed, else null
     */
    MessageReader(int maxMessageSize, @Nullable MessageInflater inflater) {
        this.maxMessageSize = maxMessageSize;
        this.inflater = inflater;
        this.decoder = new FrameDecoder(inflater != null);
    }

    /**
     * Consumes bytes until an event is complete or {@code in} is empty.
     *
     * @param in received bytes, writable (payloads are unmasked in place)
     * @return the event, or null when every byte was consumed without completing one
     * @throws ProtocolViolation when the peer broke the protocol
     */
    @Nullable WebSocketEvent read(ByteBuffer in) throws ProtocolViolation {
        while (true) {
            if (!inFrame) {
                if (!decoder.readHeader(in)) {
                    return null;
                }
                inFrame = true;
                startFrame();
            }
            while (decoder.payloadRemaining() > 0) {
                if (!in.hasRemaining()) {
                    return null;
                }
                long frameRemaining = decoder.payloadRemaining();
                int n = decoder.unmaskAvailable(in);
                consume(in, n, frameRemaining);
            }
            inFrame = false;
            decoder.finishFrame();
            WebSocketEvent event = endFrame();
            if (event != null) {
                return event;
            }
        }
    }

    private void startFrame() throws ProtocolViolation {
        int opcode = decoder.opcode();
        if (Opcode.isControl(opcode)) {
            controlLength = 0;
            return;
        }
        if (opcode == Opcode.CONTINUATION) {
            if (messageOpcode == NO_MESSAGE) {
                throw protocolError("continuation frame without a message to continue");
            }
        } else {
            if (messageOpcode != NO_MESSAGE) {
                throw protocolError("new message inside a fragmented message");
            }
            messageOpcode = opcode;
            messageCompressed = decoder.rsv1();
            compressedLength = 0;
            utf8.reset();
        }
        // Checked before any payload is buffered; for compressed messages the inflated size is checked as it grows.
        long sizeSoFar = messageCompressed ? compressedLength : message.length();
        if (decoder.payloadLength() > maxMessageSize - sizeSoFar) { // a 63-bit length would overflow a sum
            throw new ProtocolViolation(CloseStatus.MESSAGE_TOO_BIG, "message too big");
        }
    }

    private void consume(ByteBuffer in, int n, long frameRemaining) throws ProtocolViolation {
        if (Opcode.isControl(decoder.opcode())) {
            in.get(control, controlLength, n);
            controlLength += n;
        } else if (messageCompressed) {
            compressedLength += n;
            int limit = in.limit();
            in.limit(in.position() + n);
            try {
                inflater().inflate(in, message, maxMessageSize, textValidator());
            } finally {
                in.limit(limit);
            }
        } else {
            // The final frame's end is the message's end, so its array can be exact; before it, grow by doubling.
            message.reserve(n, decoder.fin() ? message.length() + frameRemaining : maxMessageSize);
            int start = message.length();
            message.append(in, n);
            if (messageOpcode == Opcode.TEXT && !utf8.feed(message.array(), start, n)) {
                throw new ProtocolViolation(CloseStatus.INVALID_PAYLOAD, "invalid UTF-8 in text message");
            }
        }
    }

    private @Nullable WebSocketEvent endFrame() throws ProtocolViolation {
        switch (decoder.opcode()) {
            case Opcode.PING:
                return new WebSocketEvent.PingReceived(Arrays.copyOf(control, controlLength));
            case Opcode.PONG:
                return new WebSocketEvent.PongReceived(Arrays.copyOf(control, controlLength));
            case Opcode.CLOSE:
                return new WebSocketEvent.CloseReceived(parseClose());
            default:
                return decoder.fin() ? endMessage() : null;
        }
    }

    private WebSocketEvent endMessage() throws ProtocolViolation {
        boolean text = messageOpcode == Opcode.TEXT;
        if (messageCompressed && compressedLength > 0) {
            // A compressed message of zero bytes holds no block; the restored tail alone would start a bogus one.
            inflater().finishMessage(message, maxMessageSize, textValidator());
        }
        messageOpcode = NO_MESSAGE;
        if (!text) {
            return new WebSocketEvent.BinaryMessage(message.takeBytes());
        }
        if (!utf8.isComplete()) {
            throw new ProtocolViolation(CloseStatus.INVALID_PAYLOAD, "incomplete UTF-8 sequence at end of message");
        }
        return new WebSocketEvent.TextMessage(message.takeText());
    }

    private CloseStatus parseClose() throws ProtocolViolation {
        if (controlLength == 0) {
            return CloseStatus.EMPTY;
        }
        if (controlLength == 1) {
            throw protocolError("close frame payload of 1 byte");
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!CloseStatus.isValidOnWire(code)) {
            throw protocolError("invalid close code " + code);
        }
        if (!Utf8Validator.isValid(control, 2, controlLength - 2)) {
            throw new ProtocolViolation(CloseStatus.INVALID_PAYLOAD, "invalid UTF-8 in close reason");
        }
        return new CloseStatus(code, new String(control, 2, controlLength - 2, StandardCharsets.UTF_8));
    }

    private @Nullable Utf8Validator textValidator() {
        return messageOpcode == Opcode.TEXT ? utf8 : null;
    }

    private MessageInflater inflater() {
        // The decoder rejects RSV1 unless an inflater exists, so a compressed message always has one.
        MessageInflater z = inflater;
        if (z == null) {
            throw new IllegalStateException("compressed message without permessage-deflate");
        }
        return z;
    }

    /** Drops buffered data and frees the inflater's native memory. */
    @Override
    public void close() {
        message.release();
        if (inflater != null) {
            inflater.close();
        }
    }
}
