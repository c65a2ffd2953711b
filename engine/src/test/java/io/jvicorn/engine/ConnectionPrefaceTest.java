package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A connection that starts with a preface: its handler is created only once the preface passed, sees the client the
 * preface named and the bytes after it (TLS included); a failed, truncated or late preface closes the connection.
 */
class ConnectionPrefaceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /**
     * A line up to LF: {@code PASS <port>} names 192.0.2.1:port as the client; {@code HOLD} passes with the bytes
     * {@code held:} handed on first; anything else fails.
     */
    private static final class LinePreface implements ConnectionPreface {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public @Nullable Outcome read(ByteBuffer in) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.US_ASCII);
                if (text.startsWith("PASS ")) {
                    return new Passed(new InetSocketAddress("192.0.2.1", Integer.parseInt(text.substring(5))), null);
                }
                if (text.equals("HOLD")) {
                    return new Passed(null, ByteBuffer.wrap(ascii("held:")));
                }
                return new Failed("bad line " + text);
            }
            return null;
        }

        @Override
        public @Nullable String unfinished(boolean timedOut) {
            return timedOut ? "too slow" : line.size() == 0 ? null : "truncated";
        }
    }

    private static SelectorLoop.PrefaceSetup prefaces() {
        return new SelectorLoop.PrefaceSetup((remote, local) -> new LinePreface(), TIMEOUT.toNanos());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void send(Socket client, String text) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(ascii(text));
        out.flush();
    }

    @Test
    void theHandlerStartsAfterThePrefaceWithItsClientAndTheBytesAfterIt() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "PAS");
            f.roundTrip();
            assertFalse(f.handlerCreated(), "no handler while the preface is incomplete");
            send(client, "S 4242\nhello");
            RecordingHandler h = f.nextHandler();
            assertEquals(new InetSocketAddress("192.0.2.1", 4242), h.connection.remoteAddress());
            await().atMost(PATIENCE).until(() -> h.received().length == 5);
            assertArrayEquals(ascii("hello"), h.received());
            send(client, " again");
            await().atMost(PATIENCE).until(() -> h.received().length == 11);
            assertArrayEquals(ascii("hello again"), h.received());
        }
    }

    @Test
    void bytesThePrefaceHeldComeFirst() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "HOLD\nrest");
            RecordingHandler h = f.nextHandler();
            assertEquals(client.getLocalSocketAddress(), h.connection.remoteAddress(), "the socket's peer stays");
            await().atMost(PATIENCE).until(() -> h.received().length == 9);
            assertArrayEquals(ascii("held:rest"), h.received());
        }
    }

    @Test
    void aFailedPrefaceClosesTheConnectionWithoutAHandler() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "NOPE\nGET / HTTP/1.1\r\n\r\n");
            assertEquals(-1, client.getInputStream().read(), "closed");
            await().atMost(PATIENCE).until(() -> f.counter.open() == 0);
            assertFalse(f.handlerCreated());
        }
    }

    @Test
    void aPrefaceNotDoneByItsDeadlineClosesTheConnection() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "PA");
            f.roundTrip();
            f.advance(TIMEOUT.minus(LoopFixture.TICK));
            assertEquals(1, f.counter.open(), "open before the deadline");
            f.advance(LoopFixture.TICK.multipliedBy(2));
            assertEquals(-1, client.getInputStream().read(), "closed at the deadline");
            assertFalse(f.handlerCreated());
        }
    }

    @Test
    void thePeerLeavingInsideThePrefaceClosesTheConnection() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "PA");
            client.shutdownOutput();
            await().atMost(PATIENCE).until(() -> f.counter.open() == 0);
            assertFalse(f.handlerCreated());
        }
    }

    @Test
    void shutdownClosesAConnectionStillInItsPreface() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Socket client = f.connectWithPreface(prefaces());
            f.roundTrip();
            f.loop.shutdownConnections();
            assertEquals(-1, client.getInputStream().read());
            await().atMost(PATIENCE).until(() -> f.counter.open() == 0);
        }
    }

    @Test
    void tlsStartsAfterThePreface() throws Exception {
        try (LoopFixture f = new LoopFixture(EchoHandler::new, TestTls.engines())) {
            Socket client = f.connectWithPreface(prefaces());
            send(client, "PASS 7\n");
            SSLSocket ssl = TestTls.client(client);
            ssl.startHandshake();
            RecordingHandler h = f.nextHandler();
            assertEquals(new InetSocketAddress("192.0.2.1", 7), h.connection.remoteAddress());
            ssl.getOutputStream().write(ascii("ping"));
            ssl.getOutputStream().flush();
            assertArrayEquals(ascii("ping"), LoopFixture.readFully(ssl.getInputStream(), 4));
        }
    }
}
