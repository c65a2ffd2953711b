package io.jvicorn.websocket.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** Assertions shared by the conformance tests. */
final class Expect {

    private Expect() {
    }

    static void bytes(byte[] expected, byte[] actual) {
        if (!Arrays.equals(expected, actual)) {
            String e = expected.length > 64 ? expected.length + " bytes" : Frames.toHex(expected);
            String a = actual.length > 64 ? actual.length + " bytes" : Frames.toHex(actual);
            assertEquals(e, a, "wire bytes differ (first mismatch at " + Arrays.mismatch(expected, actual) + ")");
            throw new AssertionError("wire bytes differ at " + Arrays.mismatch(expected, actual));
        }
    }

    /** The connection failed with {@code code}, and the last thing written is a close frame with that code. */
    static void failed(EchoPeer peer, int code) {
        CloseStatus failure = peer.failure();
        assertNotNull(failure, "expected a failure with " + code + ", events: " + peer.events);
        assertEquals(code, failure.code(), "close code; reason: " + failure.reason());
        byte[] out = peer.output();
        byte[] reason = Frames.utf8(failure.reason());
        byte[] close = Frames.server(Frames.FIN | Frames.CLOSE, Frames.closePayload(code, reason));
        assertTrue(out.length >= close.length, "no close frame written");
        bytes(close, Arrays.copyOfRange(out, out.length - close.length, out.length));
        assertTrue(peer.session.isDone(), "session should be done after the failure close");
        assertEquals(failure, peer.session.disconnectStatus());
    }
}
