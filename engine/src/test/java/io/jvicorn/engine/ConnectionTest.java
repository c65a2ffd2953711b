package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static io.jvicorn.engine.LoopFixture.payload;
import static io.jvicorn.engine.LoopFixture.readFully;
import static io.jvicorn.engine.SelectorLoopTest.setReceiveBuffer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.LoopFixture.Peer;
import io.jvicorn.engine.LoopFixture.Writer;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static final int SMALL_RECEIVE_BUFFER = 32 * 1024;
    /** Far more than loopback socket buffers hold (tcp_wmem's default maximum is 4 MiB). */
    private static final int LARGE = 16 * 1024 * 1024;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aLargeWriteParksUntilTheClientReadsAndArrivesByteExact() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect(s -> setReceiveBuffer(s, SMALL_RECEIVE_BUFFER));
            byte[] body = payload(LARGE, 7);
            // Several buffers, heap and direct, one empty, so the write windows cross buffer boundaries.
            ByteBuffer head = ByteBuffer.wrap(ascii("HEAD\r\n"));
            ByteBuffer first = ByteBuffer.wrap(body, 0, 5_000_001).slice();
            ByteBuffer empty = ByteBuffer.allocate(0);
            ByteBuffer second = ByteBuffer.allocateDirect(body.length - 5_000_001 - 3);
            second.put(body, 5_000_001, second.capacity()).flip();
            ByteBuffer tail = ByteBuffer.wrap(body, body.length - 3, 3).slice();
            ByteBuffer[] buffers = {head, first, empty, second, tail};

            Writer writer = LoopFixture.write(p.connection(), buffers);
            writer.awaitParked();
            assertFalse(writer.done().isDone(), "the socket cannot hold it all: the writer waits for the client");

            byte[] got = readFully(p.in(), 6 + LARGE);
            writer.join();
            assertArrayEquals(ascii("HEAD\r\n"), Arrays.copyOf(got, 6));
            assertArrayEquals(body, Arrays.copyOfRange(got, 6, got.length));
            for (ByteBuffer b : buffers) {
                assertFalse(b.hasRemaining());
                assertEquals(b.capacity(), b.limit(), "a write leaves the buffers' limits as they were");
            }
            assertTrue(p.connection().isOpen());
        }
    }

    @Test
    void writeAfterCloseThrowsConnectionClosed() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect();
            p.connection().close();
            await().atMost(PATIENCE).until(() -> !p.connection().isOpen());
            assertThrows(ConnectionClosedException.class, () -> p.connection().write(ByteBuffer.wrap(ascii("x"))));
            Exception onLoop = f.onLoop(() -> {
                try {
                    p.connection().tryWrite(new ByteBuffer[] {ByteBuffer.wrap(ascii("x"))});
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            assertInstanceOf(ConnectionClosedException.class, onLoop);
            assertEquals(-1, p.in().read());
        }
    }

    @Test
    void aParkedWriterIsWokenWhenTheConnectionCloses() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect(s -> setReceiveBuffer(s, SMALL_RECEIVE_BUFFER));
            Writer writer = LoopFixture.write(p.connection(), ByteBuffer.wrap(payload(LARGE, 1)));
            writer.awaitParked();
            p.connection().close(); // from the test thread, not the loop
            assertInstanceOf(ConnectionClosedException.class, writer.failure());
            f.roundTrip();
            assertEquals(1, p.handler().closed.get());
        }
    }

    @Test
    void aParkedWriterIsWokenWhenThePeerResets() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect(s -> setReceiveBuffer(s, SMALL_RECEIVE_BUFFER));
            Writer writer = LoopFixture.write(p.connection(), ByteBuffer.wrap(payload(LARGE, 1)));
            writer.awaitParked();
            p.client().setSoLinger(true, 0);
            p.client().close(); // unread bytes and linger 0: a reset
            assertInstanceOf(ConnectionClosedException.class, writer.failure());
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
            assertFalse(p.connection().isOpen());
        }
    }

    @Test
    void aParkedWriterIsWokenByAnInterrupt() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect(s -> setReceiveBuffer(s, SMALL_RECEIVE_BUFFER));
            Writer writer = LoopFixture.write(p.connection(), ByteBuffer.wrap(payload(LARGE, 1)));
            writer.awaitParked();
            writer.thread().interrupt();
            assertInstanceOf(InterruptedIOException.class, writer.failure());
            assertFalse(writer.failure() instanceof ConnectionClosedException);
        }
    }

    @Test
    void tryWriteReturnsFalseWhenTheSocketIsFull() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect(s -> setReceiveBuffer(s, SMALL_RECEIVE_BUFFER));
            assertTrue(f.onLoop(() -> p.connection().tryWrite(new ByteBuffer[] {ByteBuffer.wrap(ascii("hi"))})));
            assertArrayEquals(ascii("hi"), readFully(p.in(), 2));

            byte[] body = payload(LARGE, 3);
            ByteBuffer buffer = ByteBuffer.wrap(body);
            assertFalse(f.onLoop(() -> p.connection().tryWrite(new ByteBuffer[] {buffer})));
            assertTrue(buffer.position() > 0, "it wrote what the socket took");
            assertTrue(buffer.hasRemaining());
            Writer rest = LoopFixture.write(p.connection(), buffer);
            assertArrayEquals(body, readFully(p.in(), LARGE));
            rest.join();
        }
    }

    @Test
    void suspendedReadsHoldBytesAndEndOfInputUntilResumed() throws Exception {
        AtomicBoolean suspendOnData = new AtomicBoolean(true);
        AtomicInteger bytesAtInputClosed = new AtomicInteger(-1);
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                if (suspendOnData.get()) {
                    connection.suspendReads();
                }
            }

            @Override
            void inputEnded() {
                bytesAtInputClosed.set(receivedCount());
            }
        })) {
            Peer p = f.connect();
            p.send(ascii("first"));
            await().atMost(PATIENCE).until(() -> p.handler().dataCalls.get() == 1);
            byte[] more = payload(200_000, 5);
            p.send(more);
            p.client().shutdownOutput();
            for (int i = 0; i < 3; i++) {
                f.roundTrip();
            }
            assertEquals(1, p.handler().dataCalls.get(), "no onData while reads are suspended");
            assertEquals(0, p.handler().inputClosed.get(), "nor onInputClosed");
            assertArrayEquals(ascii("first"), p.handler().received());

            suspendOnData.set(false);
            f.onLoop(() -> {
                p.connection().resumeReads();
                return null;
            });
            await().atMost(PATIENCE).until(() -> p.handler().inputClosed.get() >= 1);
            byte[] expected = new byte[5 + more.length];
            System.arraycopy(ascii("first"), 0, expected, 0, 5);
            System.arraycopy(more, 0, expected, 5, more.length);
            assertArrayEquals(expected, p.handler().received());
            assertEquals(expected.length, bytesAtInputClosed.get(), "the end of input comes after every byte");
        }
    }

    /** Answers when the client half-closes, then closes gracefully. */
    private static RecordingHandler answerOnEof(Connection c, byte[] answer) {
        return new RecordingHandler(c) {
            @Override
            void inputEnded() {
                Thread.ofVirtual().start(() -> {
                    LoopFixture.writeUnchecked(connection, answer);
                    connection.closeGracefully();
                });
            }
        };
    }

    @Test
    void aHalfCloseReachesOnInputClosedAndTheHandlerCanStillAnswer() throws Exception {
        byte[] answer = payload(300_000, 9);
        try (LoopFixture f = new LoopFixture(c -> answerOnEof(c, answer))) {
            Peer p = f.connect();
            p.send(ascii("GET / HTTP/1.1\r\n\r\n"));
            p.client().shutdownOutput();
            assertArrayEquals(answer, readFully(p.in(), answer.length));
            assertEquals(-1, p.in().read());
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
            assertEquals(1, p.handler().inputClosed.get());
            assertArrayEquals(ascii("GET / HTTP/1.1\r\n\r\n"), p.handler().received());
        }
    }

    @Test
    void onInputClosedIsDeliveredOnceWhenTheHandlerKeepsTheConnectionOpen() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect();
            p.client().shutdownOutput();
            await().atMost(PATIENCE).until(() -> p.handler().inputClosed.get() >= 1);
            for (int i = 0; i < 5; i++) {
                f.roundTrip(); // each pass selects again: a socket at EOF stays readable
            }
            assertEquals(1, p.handler().inputClosed.get(), "EOF is reported once, not on every pass of the loop");
            LoopFixture.writeUnchecked(p.connection(), ascii("still writable"));
            assertArrayEquals(ascii("still writable"), readFully(p.in(), 14));
        }
    }

    /** On the request, writes the response and closes gracefully, from a virtual thread; records when it has. */
    private static final class RespondThenCloseGracefully extends RecordingHandler {
        private final byte[] response;
        final CountDownLatch closing = new CountDownLatch(1);

        RespondThenCloseGracefully(Connection c, byte[] response) {
            super(c);
            this.response = response;
        }

        @Override
        void data(byte[] bytes) {
            if (dataCalls.get() == 1) {
                Thread.ofVirtual().start(() -> {
                    LoopFixture.writeUnchecked(connection, response);
                    connection.closeGracefully();
                    closing.countDown();
                });
            }
        }
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(PATIENCE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void closeGracefullyShutsDownOutputAfterTheLastBytesThenClosesWhenTheClientDoes() throws Exception {
        byte[] response = payload(300_000, 11);
        try (LoopFixture f = new LoopFixture(c -> new RespondThenCloseGracefully(c, response))) {
            Peer p = f.connect();
            p.send(ascii("request"));
            assertArrayEquals(response, readFully(p.in(), response.length));
            assertEquals(-1, p.in().read(), "EOF right after the last byte");
            f.roundTrip();
            assertTrue(p.connection().isOpen(), "lingering: the client has not closed yet");
            assertEquals(0, p.handler().closed.get());

            p.client().close();
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
            assertEquals(0, f.counter.open());
        }
    }

    @Test
    void unreadAndLateClientBytesDoNotTurnTheCloseIntoAResetThatDestroysTheResponse() throws Exception {
        byte[] response = payload(64 * 1024, 13);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch closing = new CountDownLatch(1);
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                // As an HTTP server that decided on Connection: close: read no further, answer, close.
                connection.suspendReads();
                Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    LoopFixture.writeUnchecked(connection, response);
                    connection.closeGracefully();
                    closing.countDown();
                });
            }
        })) {
            Peer p = f.connect(s -> setReceiveBuffer(s, 256 * 1024)); // holds the whole response unread
            p.send(ascii("request"));
            await().atMost(PATIENCE).until(() -> p.handler().dataCalls.get() == 1);
            p.send(payload(32 * 1024, 14)); // pipelined bytes the server never reads
            go.countDown();
            awaitLatch(closing);
            f.roundTrip(); // the output is shut down and the connection lingers
            p.send(payload(32 * 1024, 15)); // and bytes that arrive while it lingers
            for (int i = 0; i < 3; i++) {
                f.roundTrip();
            }
            // A close with unread input would have been a reset, and the client would lose the response.
            assertArrayEquals(response, readFully(p.in(), response.length));
            assertEquals(-1, p.in().read());
            assertEquals(1, p.handler().dataCalls.get(), "bytes after closeGracefully are discarded, not handed over");
        }
    }

    @Test
    void lingeringEndsAtTheDeadlineOnTheLoopClock() throws Exception {
        byte[] response = ascii("bye");
        try (LoopFixture f = new LoopFixture(c -> new RespondThenCloseGracefully(c, response))) {
            Peer p = f.connect();
            p.send(ascii("request"));
            awaitLatch(((RespondThenCloseGracefully) p.handler()).closing);
            f.roundTrip();
            assertArrayEquals(response, readFully(p.in(), 3));
            assertEquals(-1, p.in().read());

            f.advance(Duration.ofMillis(1900));
            assertTrue(p.connection().isOpen(), "still lingering before the deadline");
            assertEquals(0, p.handler().ticks.get(), "a lingering connection's handler is not ticked");
            f.advance(Duration.ofMillis(200));
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
            assertFalse(p.connection().isOpen());
            assertEquals(0, f.counter.open());
        }
    }

    @Test
    void closeGracefullyAfterTheClientHalfClosedEndsWithoutWaitingForTheDeadline() throws Exception {
        try (LoopFixture f = new LoopFixture(c -> answerOnEof(c, ascii("answer")))) {
            Peer p = f.connect();
            p.client().shutdownOutput();
            assertArrayEquals(ascii("answer"), readFully(p.in(), 6));
            assertEquals(-1, p.in().read());
            // The clock does not move: the client's EOF, read while lingering, ends the connection.
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
        }
    }

    @Test
    void closeFromManyThreadsClosesOnce() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> closers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean graceful = i % 2 == 0;
                closers.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (graceful) {
                        p.connection().closeGracefully();
                    } else {
                        p.connection().close();
                    }
                }));
            }
            p.connection().execute(() -> p.connection().close()); // and once on the loop
            go.countDown();
            for (Thread t : closers) {
                t.join(PATIENCE.toMillis());
            }
            await().atMost(PATIENCE).until(() -> !p.connection().isOpen());
            f.roundTrip();
            f.roundTrip();
            assertEquals(1, p.handler().closed.get());
            assertEquals(-1, p.in().read());
            assertEquals(0, f.counter.open());
        }
    }

    @Test
    void addressesAreThoseOfTheSocket() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer p = f.connect();
            assertEquals(p.client().getLocalSocketAddress(), p.connection().remoteAddress());
            assertEquals(p.client().getRemoteSocketAddress(), p.connection().localAddress());
            assertFalse(p.connection().isTls());
            assertNull(p.connection().tlsSession());
            assertTrue(p.connection().isOpen());
        }
    }

    @Test
    void replaceHandlerHandsTheConnectionOver() throws Exception {
        AtomicReference<RecordingHandler> next = new AtomicReference<>();
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                RecordingHandler upgraded = new RecordingHandler(c);
                next.set(upgraded);
                connection.replaceHandler(upgraded);
            }
        })) {
            Peer p = f.connect();
            p.send(ascii("upgrade"));
            await().atMost(PATIENCE).until(() -> next.get() != null);
            p.send(ascii("framed"));
            await().atMost(PATIENCE).until(() -> next.get().receivedCount() == 6);
            assertArrayEquals(ascii("framed"), next.get().received());
            assertArrayEquals(ascii("upgrade"), p.handler().received());
            p.client().close();
            await().atMost(PATIENCE).until(() -> next.get().closed.get() + next.get().inputClosed.get() > 0);
            p.connection().close();
            await().atMost(PATIENCE).until(() -> next.get().closed.get() == 1);
            assertEquals(0, p.handler().closed.get() + p.handler().inputClosed.get());
            assertEquals(List.of(), next.get().offLoop);
        }
    }
}
