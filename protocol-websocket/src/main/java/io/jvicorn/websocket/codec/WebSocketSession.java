package io.jvicorn.websocket.codec;

import io.jvicorn.asgi.WebSocketSend;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One server-side WebSocket connection after the handshake, without I/O: received bytes go in through
 * {@link #receive}, which yields complete messages and control events; outgoing frames come out of the
 * {@code encode...} methods; the closing handshake is tracked as a {@link SessionState}.
 *
 * <p>What the driver does with each event:
 * <ul>
 *   <li>{@link WebSocketEvent.TextMessage}, {@link WebSocketEvent.BinaryMessage}: deliver to the application.
 *   <li>{@link WebSocketEvent.PingReceived}: send {@link #encodePong} with its payload.
 *   <li>{@link WebSocketEvent.PongReceived}: note it for keepalive.
 *   <li>{@link WebSocketEvent.CloseReceived}, {@link WebSocketEvent.ProtocolFailure}: report
 *       {@link #disconnectStatus()} to the application; send {@link #pendingClose()} if there is one; once
 *       {@link #isDone()}, close the TCP connection.
 * </ul>
 * A session is used by one thread at a time. {@link #close()} frees the native zlib memory and must be called when the
 * connection ends, whichever way it ends.
 */
public final class WebSocketSession implements AutoCloseable {

    private final MessageReader reader;
    private final @Nullable MessageDeflater deflater;
    private SessionState state = SessionState.OPEN;
    private boolean failed;
    private boolean released;
    private @Nullable CloseStatus pendingClose;
    private @Nullable CloseStatus disconnectStatus;

    /**
     * Starts a session in state {@link SessionState#OPEN}.
     *
     * @param config  the limits
     * @param deflate the permessage-deflate agreement from the handshake, or null to send and expect no compression
     */
    public WebSocketSession(WebSocketConfig config, @Nullable DeflateAgreement deflate) {
        MessageInflater inflater = deflate == null ? null : new MessageInflater(deflate.clientNoContextTakeover());
        this.reader = new MessageReader(config.maxMessageSize(), inflater);
        this.deflater = deflate == null ? null
                : new MessageDeflater(config.compressionLevel(), deflate.serverNoContextTakeover(),
                        deflate.huffmanOnly());
    }

    /**
     * Consumes received bytes until one event is complete.
     *
     * <p>Call again while {@code input} has bytes left: an event may end in the middle of a read. Payloads are
     * unmasked in place, so {@code input} must be writable. After the peer's close or a failure, all input is
     * discarded, as RFC 6455 ignores anything after a close frame.
     *
     * @param input received bytes, from position to limit
     * @return the next event, or null when all of {@code input} was consumed without completing one
     */
    public @Nullable WebSocketEvent receive(ByteBuffer input) {
        if (state == SessionState.CLOSE_RECEIVED || state == SessionState.CLOSED || released) {
            input.position(input.limit());
            return null;
        }
        try {
            WebSocketEvent event = reader.read(input);
            if (event instanceof WebSocketEvent.CloseReceived closeReceived) {
                endInput(closeReceived.status(), input);
            }
            return event;
        } catch (ProtocolViolation violation) {
            CloseStatus status = new CloseStatus(violation.code(), violation.reason());
            failed = true;
            endInput(status, input);
            return new WebSocketEvent.ProtocolFailure(status);
        }
    }

    private void endInput(CloseStatus status, ByteBuffer input) {
        input.position(input.limit());
        disconnectStatus = status;
        if (state == SessionState.OPEN) {
            // Echo the peer's code and reason (RFC 6455 §5.5.1), or report the failure's own.
            state = SessionState.CLOSE_RECEIVED;
            pendingClose = status;
        } else {
            state = SessionState.CLOSED;
        }
        reader.close();
    }

    /**
     * Encodes a text message, compressed when permessage-deflate was agreed.
     *
     * @param text the text
     * @param out  receives the frame
     * @throws IllegalStateException after this side's close frame, after a protocol failure, or after
     *                               {@link #close()}
     */
    public void encodeText(String text, OutboundFrame out) {
        encodeData(Opcode.TEXT, text.getBytes(StandardCharsets.UTF_8), out);
    }

    /**
     * Encodes a binary message, compressed when permessage-deflate was agreed; otherwise the frame's payload is
     * {@code bytes} itself.
     *
     * @param bytes the message
     * @param out   receives the frame
     * @throws IllegalStateException as {@link #encodeText} does
     */
    public void encodeBinary(byte[] bytes, OutboundFrame out) {
        encodeData(Opcode.BINARY, bytes, out);
    }

    /**
     * Encodes ASGI's {@code websocket.send}.
     *
     * @param send the message
     * @param out  receives the frame
     * @throws IllegalStateException as {@link #encodeText} does
     */
    public void encodeSend(WebSocketSend send, OutboundFrame out) {
        String text = send.text();
        byte[] bytes = send.bytes();
        if (text != null) {
            encodeText(text, out);
        } else if (bytes != null) {
            encodeBinary(bytes, out);
        }
    }

    private void encodeData(int opcode, byte[] payload, OutboundFrame out) {
        requireOutputOpen();
        if (failed) {
            throw new IllegalStateException("the connection failed; send the pending close frame instead");
        }
        if (deflater != null) {
            out.set(true, opcode, deflater.compress(payload, 0, payload.length));
        } else {
            out.set(false, opcode, payload);
        }
    }

    /**
     * Encodes a ping, for keepalive.
     *
     * @param payload at most 125 bytes, echoed by the peer's pong
     * @param out     receives the frame
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    after this side's close frame or {@link #close()}
     */
    public void encodePing(byte[] payload, OutboundFrame out) {
        encodeControl(Opcode.PING, payload, out);
    }

    /**
     * Encodes a pong, normally the answer to a {@link WebSocketEvent.PingReceived} with its payload.
     *
     * @param payload at most 125 bytes
     * @param out     receives the frame
     * @throws IllegalArgumentException if the payload is longer than 125 bytes
     * @throws IllegalStateException    after this side's close frame or {@link #close()}
     */
    public void encodePong(byte[] payload, OutboundFrame out) {
        encodeControl(Opcode.PONG, payload, out);
    }

    private void encodeControl(int opcode, byte[] payload, OutboundFrame out) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("control frame payload longer than 125 bytes: " + payload.length);
        }
        requireOutputOpen();
        out.set(false, opcode, payload);
    }

    /**
     * Encodes this side's close frame: the application's {@code websocket.close}, or {@link #pendingClose()}.
     * Moves {@link SessionState#OPEN} to {@link SessionState#CLOSE_SENT} and {@link SessionState#CLOSE_RECEIVED} to
     * {@link SessionState#CLOSED}.
     *
     * @param status a code valid on the wire and a reason of at most 123 UTF-8 bytes, or {@link CloseStatus#EMPTY}
     *               for a close frame without payload
     * @param out    receives the frame
     * @throws IllegalArgumentException if the code may not be sent or the reason is too long
     * @throws IllegalStateException    if a close frame was already sent, or after {@link #close()}
     */
    public void encodeClose(CloseStatus status, OutboundFrame out) {
        requireOutputOpen();
        out.set(false, Opcode.CLOSE, status.toPayload());
        pendingClose = null;
        state = state == SessionState.OPEN ? SessionState.CLOSE_SENT : SessionState.CLOSED;
    }

    private void requireOutputOpen() {
        if (released) {
            throw new IllegalStateException("the session is closed");
        }
        if (state == SessionState.CLOSE_SENT || state == SessionState.CLOSED) {
            throw new IllegalStateException("a close frame was already sent");
        }
    }

    /**
     * The close frame this side owes now: the echo of the peer's close, or the close that fails the connection after
     * a protocol violation. Send it with {@link #encodeClose}.
     *
     * @return the status to send, or null when nothing is owed
     */
    public @Nullable CloseStatus pendingClose() {
        return pendingClose;
    }

    /**
     * What to report to the application as {@code websocket.disconnect}: the peer's close status (1005 for an empty
     * close frame) or the failure's code and reason. Null while neither happened; if the TCP connection drops
     * then, report 1006.
     *
     * @return the status, or null
     */
    public @Nullable CloseStatus disconnectStatus() {
        return disconnectStatus;
    }

    /**
     * The closing handshake's progress.
     *
     * @return the state
     */
    public SessionState state() {
        return state;
    }

    /**
     * Whether the closing handshake is over, so the TCP connection should be closed once the output is flushed.
     *
     * @return true in {@link SessionState#CLOSED}
     */
    public boolean isDone() {
        return state == SessionState.CLOSED;
    }

    /**
     * Whether outgoing messages are compressed.
     *
     * @return true when permessage-deflate was agreed
     */
    public boolean isCompressing() {
        return deflater != null;
    }

    /** Frees buffers and zlib's native memory; afterwards input is discarded and encoding fails. Idempotent. */
    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        reader.close();
        if (deflater != null) {
            deflater.close();
        }
    }
}
