package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.WebSocketDisconnect;
import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autobahn section 7 and the closing handshake state machine. */
class CloseTest {

    private final OutboundFrame out = new OutboundFrame();

    @Test
    void emptyCloseIsReportedAs1005AndEchoedEmpty() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | Frames.CLOSE, new byte[0]));
            WebSocketEvent.CloseReceived close = assertInstanceOf(WebSocketEvent.CloseReceived.class, peer.events.get(0));
            assertEquals(CloseStatus.EMPTY, close.status());
            Expect.bytes(Frames.hex("88 00"), peer.output());
            assertTrue(peer.session.isDone());
            assertEquals(new WebSocketDisconnect(1005, ""), peer.session.disconnectStatus().toDisconnect());
        }
    }

    @Test
    void clientCloseWalksOpenToCloseReceivedToClosed() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            assertEquals(SessionState.OPEN, session.state());
            assertNull(session.pendingClose());
            assertNull(session.disconnectStatus());
            WebSocketEvent event = session.receive(ByteBuffer.wrap(Frames.close(1001, "custom reason")));
            assertEquals(new WebSocketEvent.CloseReceived(new CloseStatus(1001, "custom reason")), event);
            assertEquals(SessionState.CLOSE_RECEIVED, session.state());
            assertFalse(session.isDone());
            assertEquals(new CloseStatus(1001, "custom reason"), session.pendingClose());
            assertEquals(new WebSocketDisconnect(1001, "custom reason"), session.disconnectStatus().toDisconnect());
            // Data may still be sent before the close reply (RFC 6455 §5.5.1).
            session.encodeText("last words", out);
            session.encodeClose(session.pendingClose(), out);
            Expect.bytes(Frames.server(Frames.FIN | Frames.CLOSE, Frames.closePayload(1001, Frames.utf8("custom reason"))),
                    out.toByteArray());
            assertEquals(SessionState.CLOSED, session.state());
            assertTrue(session.isDone());
            assertNull(session.pendingClose());
            assertThrows(IllegalStateException.class, () -> session.encodeText("too late", out));
        }
    }

    @Test
    void serverCloseWalksOpenToCloseSentToClosed() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            session.encodeClose(new CloseStatus(1000, "bye"), out);
            Expect.bytes(Frames.hex("88 05 03 e8 62 79 65"), out.toByteArray());
            assertEquals(SessionState.CLOSE_SENT, session.state());
            assertThrows(IllegalStateException.class, () -> session.encodeText("no", out));
            assertThrows(IllegalStateException.class, () -> session.encodeBinary(new byte[1], out));
            assertThrows(IllegalStateException.class, () -> session.encodePing(new byte[0], out));
            assertThrows(IllegalStateException.class, () -> session.encodeClose(CloseStatus.EMPTY, out));
            // Messages the peer sent before seeing our close are still delivered.
            assertEquals("in flight",
                    ((WebSocketEvent.TextMessage) session.receive(ByteBuffer.wrap(Frames.text("in flight")))).text());
            session.receive(ByteBuffer.wrap(Frames.close(1000, "bye")));
            assertEquals(SessionState.CLOSED, session.state());
            assertNull(session.pendingClose(), "our close was already sent");
            assertEquals(new CloseStatus(1000, "bye"), session.disconnectStatus());
        }
    }

    @Test
    void framesAfterThePeersCloseAreIgnored() {
        // Autobahn 7.1.3-7.1.5: text, ping or another close after the close frame get no answer.
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.close(1000, ""), Frames.text("ignored"),
                    Frames.client(Frames.FIN | Frames.PING, new byte[0]), Frames.close(1000, ""), Frames.hex("ff ff ff")));
            assertEquals(1, peer.events.size());
            Expect.bytes(Frames.hex("88 02 03 e8"), peer.output());
            peer.feed(Frames.text("later"));
            assertEquals(1, peer.events.size());
        }
    }

    @Test
    void largeMessageThenCloseIsEchoedThenClosed() {
        // Autobahn 7.1.6: 256 KiB of text, then a close.
        byte[] big = Frames.repeat("BAsd7&jh23", 256 * 1024);
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.concat(Frames.client(Frames.FIN | Frames.TEXT, big), Frames.close(1000, "")), 4096);
            Expect.bytes(Frames.concat(Frames.server(Frames.FIN | Frames.TEXT, big), Frames.hex("88 02 03 e8")),
                    peer.output());
        }
    }

    static IntStream validCodes() {
        return IntStream.of(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999,
                4000, 4999);
    }

    @ParameterizedTest(name = "code {0} is echoed")
    @MethodSource("validCodes")
    void validCodeIsEchoed(int code) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.close(code, "reason"));
            assertEquals(new CloseStatus(code, "reason"), peer.session.disconnectStatus());
            Expect.bytes(Frames.server(Frames.FIN | Frames.CLOSE, Frames.closePayload(code, Frames.utf8("reason"))),
                    peer.output());
        }
    }

    static IntStream invalidCodes() {
        return IntStream.of(0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535);
    }

    @ParameterizedTest(name = "code {0} fails with 1002")
    @MethodSource("invalidCodes")
    void invalidCodeFails(int code) {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.close(code, ""));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void closePayloadOfOneByteFails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | Frames.CLOSE, new byte[] {0x03}));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void reasonOf123BytesIsFineAnd124Fails() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.close(1000, "*".repeat(123)));
            assertEquals("*".repeat(123), peer.session.disconnectStatus().reason());
        }
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.close(1000, "*".repeat(124)));
            Expect.failed(peer, CloseStatus.PROTOCOL_ERROR);
        }
    }

    @Test
    void invalidUtf8ReasonFailsWith1007() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.client(Frames.FIN | Frames.CLOSE,
                    Frames.closePayload(1000, Frames.hex("ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64"))));
            Expect.failed(peer, CloseStatus.INVALID_PAYLOAD);
        }
    }

    @Test
    void multiByteReasonIsDecoded() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feedChopped(Frames.close(4000, "κόσμε 😀"), 1);
            assertEquals(new CloseStatus(4000, "κόσμε 😀"), peer.session.disconnectStatus());
        }
    }

    @Test
    void closeInTheMiddleOfAFragmentedMessageEndsIt() {
        try (EchoPeer peer = new EchoPeer()) {
            peer.feed(Frames.concat(Frames.client(Frames.TEXT, Frames.utf8("frag")), Frames.close(1000, ""),
                    Frames.client(Frames.FIN | Frames.CONTINUATION, Frames.utf8("ment"))));
            assertEquals(1, peer.events.size());
            assertInstanceOf(WebSocketEvent.CloseReceived.class, peer.events.get(0));
        }
    }

    @Test
    void failureOwesACloseAndForbidsData() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            WebSocketEvent event = session.receive(ByteBuffer.wrap(Frames.unmaskedClient(Frames.FIN | Frames.TEXT,
                    Frames.utf8("x"))));
            CloseStatus status = assertInstanceOf(WebSocketEvent.ProtocolFailure.class, event).status();
            assertEquals(new CloseStatus(1002, "client frame is not masked"), status);
            assertEquals(SessionState.CLOSE_RECEIVED, session.state());
            assertEquals(status, session.pendingClose());
            assertEquals(status, session.disconnectStatus());
            assertThrows(IllegalStateException.class, () -> session.encodeText("x", out));
            session.encodeClose(status, out);
            assertTrue(session.isDone());
        }
    }

    @Test
    void failureAfterOurCloseNeedsNoSecondClose() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            session.encodeClose(new CloseStatus(1000, ""), out);
            session.receive(ByteBuffer.wrap(Frames.client(Frames.FIN | 0x3, new byte[0])));
            assertNull(session.pendingClose());
            assertTrue(session.isDone());
            assertEquals(1002, session.disconnectStatus().code());
        }
    }

    @Test
    void encodeCloseRejectsWhatMayNotBeSent() {
        try (WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), null)) {
            assertThrows(IllegalArgumentException.class, () -> session.encodeClose(new CloseStatus(1006, ""), out));
            assertThrows(IllegalArgumentException.class, () -> session.encodeClose(new CloseStatus(999, ""), out));
            assertThrows(IllegalArgumentException.class,
                    () -> session.encodeClose(new CloseStatus(1000, "é".repeat(62)), out));
            assertThrows(IllegalArgumentException.class,
                    () -> session.encodeClose(new CloseStatus(1005, "reason"), out));
            assertEquals(SessionState.OPEN, session.state(), "a rejected close changes nothing");
            session.encodeClose(new CloseStatus(4999, "é".repeat(61)), out);
            assertEquals(2 + 2 + 122, out.length());
        }
    }

    @Test
    void closedSessionDiscardsInputAndRefusesOutput() {
        WebSocketSession session = new WebSocketSession(WebSocketConfig.defaults(), new DeflateAgreement(false, false, 0));
        session.close();
        session.close();
        ByteBuffer input = ByteBuffer.wrap(Frames.text("x"));
        assertNull(session.receive(input));
        assertFalse(input.hasRemaining());
        assertThrows(IllegalStateException.class, () -> session.encodeText("x", out));
        assertThrows(IllegalStateException.class, () -> session.encodePong(new byte[0], out));
    }
}
