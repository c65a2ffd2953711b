package io.jvicorn.websocket.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Drives a {@link WebSocketSession} the way the Autobahn fuzzing client expects of a server: echo every message,
 * answer pings, send the owed close. Records the events and every byte written.
 */
final class EchoPeer implements AutoCloseable {

    /** How received bytes are handed to the session. */
    enum Buffers { HEAP, DIRECT, HEAP_LITTLE_ENDIAN }

    final WebSocketSession session;
    final List<WebSocketEvent> events = new ArrayList<>();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final OutboundFrame out = new OutboundFrame();
    private Buffers buffers = Buffers.HEAP;

    EchoPeer(WebSocketConfig config, @Nullable DeflateAgreement deflate) {
        this.session = new WebSocketSession(config, deflate);
    }

    EchoPeer() {
        this(WebSocketConfig.defaults(), null);
    }

    EchoPeer using(Buffers kind) {
        this.buffers = kind;
        return this;
    }

    /** Feeds all bytes in one read. */
    EchoPeer feed(byte[] bytes) {
        return feedChopped(bytes, Math.max(1, bytes.length));
    }

    /** Feeds the bytes in reads of {@code chop} bytes. */
    EchoPeer feedChopped(byte[] bytes, int chop) {
        for (int i = 0; i < bytes.length; i += chop) {
            deliver(bytes, i, Math.min(chop, bytes.length - i));
        }
        return this;
    }

    /** Feeds the bytes split at the given ascending offsets. */
    EchoPeer feedSplit(byte[] bytes, int... offsets) {
        int from = 0;
        for (int offset : offsets) {
            deliver(bytes, from, offset - from);
            from = offset;
        }
        deliver(bytes, from, bytes.length - from);
        return this;
    }

    private void deliver(byte[] bytes, int offset, int length) {
        ByteBuffer buffer = switch (buffers) {
            case HEAP -> ByteBuffer.allocate(length + 7);
            case DIRECT -> ByteBuffer.allocateDirect(length + 7);
            case HEAP_LITTLE_ENDIAN -> ByteBuffer.allocate(length + 7).order(ByteOrder.LITTLE_ENDIAN);
        };
        // Start at an odd position so word-wise unmasking meets unaligned data.
        buffer.position(3);
        buffer.put(bytes, offset, length);
        buffer.flip().position(3);
        WebSocketEvent event;
        while ((event = session.receive(buffer)) != null) {
            events.add(event);
            react(event);
        }
        if (buffer.hasRemaining()) {
            throw new AssertionError("receive returned null with input left");
        }
    }

    private void react(WebSocketEvent event) {
        switch (event) {
            case WebSocketEvent.TextMessage m -> {
                if (session.state() == SessionState.OPEN) {
                    session.encodeText(m.text(), out);
                    write();
                }
            }
            case WebSocketEvent.BinaryMessage m -> {
                if (session.state() == SessionState.OPEN) {
                    session.encodeBinary(m.bytes(), out);
                    write();
                }
            }
            case WebSocketEvent.PingReceived p -> {
                session.encodePong(p.payload(), out);
                write();
            }
            case WebSocketEvent.PongReceived p -> {
            }
            case WebSocketEvent.CloseReceived c -> sendPendingClose();
            case WebSocketEvent.ProtocolFailure f -> sendPendingClose();
        }
    }

    private void sendPendingClose() {
        CloseStatus pending = session.pendingClose();
        if (pending != null) {
            session.encodeClose(pending, out);
            write();
        }
    }

    private void write() {
        // Exercise both output paths: the gathering views and the array copy must agree.
        ByteBuffer header = out.header();
        ByteBuffer payload = out.payload();
        byte[] viaViews = new byte[header.remaining() + payload.remaining()];
        header.get(viaViews, 0, header.remaining());
        payload.get(viaViews, out.headerLength(), payload.remaining());
        byte[] viaArray = out.toByteArray();
        if (!java.util.Arrays.equals(viaViews, viaArray)) {
            throw new AssertionError("header()+payload() differ from toByteArray()");
        }
        wire.writeBytes(viaArray);
    }

    /** Every byte the session produced. */
    byte[] output() {
        return wire.toByteArray();
    }

    /** The failure, or null. */
    @Nullable CloseStatus failure() {
        for (WebSocketEvent event : events) {
            if (event instanceof WebSocketEvent.ProtocolFailure f) {
                return f.status();
            }
        }
        return null;
    }

    @Override
    public void close() {
        session.close();
    }
}
