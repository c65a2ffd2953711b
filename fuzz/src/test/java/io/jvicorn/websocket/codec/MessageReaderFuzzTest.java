package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jvicorn.fuzz.Splits;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The message reader (fragmentation, control frames, UTF-8, close payloads) with and without permessage-deflate, on
 * arbitrary client bytes.
 *
 * <p>Properties: it throws nothing but {@link ProtocolViolation} with a close code RFC 6455 §7.4.1 gives for bad input
 * (1002, 1007, 1009); the events, and whether and (without compression) how the connection fails, are the same
 * however the bytes are split; a null result leaves no byte unread; no
 * message is larger than the limit, and the buffer it is gathered in never grows past the limit plus the one byte
 * that shows a compressed message is too big, so a decompression bomb costs at most the limit.
 */
class MessageReaderFuzzTest {
    /** Small, so that fragmented and compressed inputs of a few hundred bytes can reach it. */
    private static final int MAX_MESSAGE = 300;
    private static final Set<Integer> INPUT_ERRORS =
            Set.of(CloseStatus.PROTOCOL_ERROR, CloseStatus.INVALID_PAYLOAD, CloseStatus.MESSAGE_TOO_BIG);
    private static final Field MESSAGE;

    static {
        try {
            // The message buffer is private to the reader; its capacity is the memory a client can make it hold.
            MESSAGE = MessageReader.class.getDeclaredField("message");
            MESSAGE.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Without the extension; with it, keeping the inflater's context; with client_no_context_takeover. */
    private enum Mode { PLAIN, DEFLATE, DEFLATE_NO_CONTEXT }

    @FuzzTest
    void readsTheSameWhateverTheSplit(byte[] frames) {
        for (Mode mode : Mode.values()) {
            List<String> expected = read(frames, Splits.whole(frames.length), mode);
            for (int[] plan : Splits.plans(frames)) {
                assertEquals(expected, read(frames, plan, mode), () -> mode + ", pieces ending at " + Arrays.toString(plan));
            }
        }
    }

    private static List<String> read(byte[] frames, int[] plan, Mode mode) {
        MessageInflater inflater = mode == Mode.PLAIN ? null : new MessageInflater(mode == Mode.DEFLATE_NO_CONTEXT);
        List<String> events = new ArrayList<>();
        try (MessageReader reader = new MessageReader(MAX_MESSAGE, inflater)) {
            int from = 0;
            for (int to : plan) {
                // A fresh copy per piece: the reader unmasks in place.
                ByteBuffer in = ByteBuffer.wrap(Arrays.copyOfRange(frames, from, to));
                while (true) {
                    WebSocketEvent event;
                    try {
                        event = reader.read(in);
                    } catch (ProtocolViolation v) {
                        assertTrue(INPUT_ERRORS.contains(v.code()), () -> "close code " + v.code() + ": " + v.reason());
                        // With permessage-deflate the code may depend on the split, and that is accepted: given a whole
                        // corrupt stream, zlib reports the corruption and the bytes it inflated before it are lost,
                        // while fed in pieces those bytes come out first and may be invalid UTF-8 (1007) or too many
                        // (1009). Either way the connection fails, after the same events; PLAIN compares the code.
                        events.add(mode == Mode.PLAIN ? "failed " + v.code() + " " + v.reason() : "failed");
                        return events;
                    } finally {
                        checkBuffer(reader);
                    }
                    if (event == null) {
                        assertFalse(in.hasRemaining(), "null returned with bytes left");
                        break;
                    }
                    // Every event ends a frame, and a client frame has at least 6 bytes.
                    assertTrue(events.size() < frames.length / 6 + 1, "events without input: the reader is looping");
                    events.add(describe(event));
                }
                from = to;
            }
        }
        return events;
    }

    private static String describe(WebSocketEvent event) {
        HexFormat hex = HexFormat.of();
        return switch (event) {
            case WebSocketEvent.TextMessage t -> {
                byte[] utf8 = t.text().getBytes(StandardCharsets.UTF_8);
                assertTrue(utf8.length <= MAX_MESSAGE, "text message over the limit");
                yield "text " + hex.formatHex(utf8);
            }
            case WebSocketEvent.BinaryMessage b -> {
                assertTrue(b.bytes().length <= MAX_MESSAGE, "binary message over the limit");
                yield "binary " + hex.formatHex(b.bytes());
            }
            case WebSocketEvent.PingReceived p -> {
                assertTrue(p.payload().length <= 125, "ping payload over 125 bytes");
                yield "ping " + hex.formatHex(p.payload());
            }
            case WebSocketEvent.PongReceived p -> {
                assertTrue(p.payload().length <= 125, "pong payload over 125 bytes");
                yield "pong " + hex.formatHex(p.payload());
            }
            case WebSocketEvent.CloseReceived c -> "close " + c.status();
            case WebSocketEvent.ProtocolFailure f -> throw new AssertionError("the reader throws, never returns " + f);
        };
    }

    private static void checkBuffer(MessageReader reader) {
        MessageBuffer message;
        try {
            message = (MessageBuffer) MESSAGE.get(reader);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        int capacity = message.array().length;
        assertTrue(capacity <= MAX_MESSAGE + 1, () -> "message buffer of " + capacity + " bytes");
    }
}
