package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static io.jvicorn.engine.LoopFixture.payload;
import static io.jvicorn.engine.LoopFixture.readFully;
import static io.jvicorn.engine.SelectorLoopTest.setReceiveBuffer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.LoopFixture.ChannelPeer;
import io.jvicorn.engine.LoopFixture.Peer;
import io.jvicorn.engine.LoopFixture.Writer;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS through real loopback sockets; a hang guard because {@link TlsClient} reads without a socket timeout. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TlsTransportTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static SSLSocket handshake(Peer p) throws Exception {
        SSLSocket ssl = TestTls.client(p.client());
        ssl.startHandshake();
        await().atMost(PATIENCE).until(() -> p.connection().tlsSession() != null);
        return ssl;
    }

    @Test
    void handshakeThenEcho() throws Exception {
        try (LoopFixture f = new LoopFixture(EchoHandler::new, TestTls.engines())) {
            Peer p = f.connect();
            assertTrue(p.connection().isTls());
            assertNull(p.connection().tlsSession(), "no session before the handshake");
            SSLSocket ssl = handshake(p);
            assertEquals(ssl.getSession().getProtocol(), p.connection().tlsSession().getProtocol());
            assertEquals(ssl.getSession().getCipherSuite(), p.connection().tlsSession().getCipherSuite());
            assertEquals(0, p.handler().dataCalls.get(), "the handshake is not handed to the handler");

            byte[] sent = payload(2 * 1024 * 1024, 21);
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = ssl.getOutputStream();
                    for (int at = 0; at < sent.length; at += 70_001) {
                        out.write(sent, at, Math.min(70_001, sent.length - at));
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> Thread.ofVirtual().start(r));
            assertArrayEquals(sent, readFully(ssl.getInputStream(), sent.length));
            sender.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertArrayEquals(sent, p.handler().received());
        }
    }

    @Test
    void aLargeWriteParksUntilTheClientReadsAndArrivesByteExact() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new, TestTls.engines())) {
            Peer p = f.connect(s -> setReceiveBuffer(s, 32 * 1024));
            SSLSocket ssl = handshake(p);
            byte[] body = payload(16 * 1024 * 1024, 22);
            ByteBuffer direct = ByteBuffer.allocateDirect(1000);
            direct.put(body, body.length - 1000, 1000).flip();
            Writer writer = LoopFixture.write(p.connection(),
                    ByteBuffer.wrap(body, 0, body.length - 1000), ByteBuffer.allocate(0), direct);
            writer.awaitParked();
            assertFalse(writer.done().isDone());
            assertArrayEquals(body, readFully(ssl.getInputStream(), body.length));
            writer.join();
        }
    }

    @Test
    void closeNotifyFromTheClientReachesOnInputClosedAfterTheDataAndTheAnswerStillArrives() throws Exception {
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void inputEnded() {
                Thread.ofVirtual().start(() -> {
                    LoopFixture.writeUnchecked(connection, ascii("answer to " + new String(received())));
                    connection.closeGracefully();
                });
            }
        }, TestTls.engines())) {
            ChannelPeer p = f.connectChannel();
            TlsClient client = new TlsClient(TestTls.clientContext(), p.client());
            client.handshake();
            client.write(ascii("request"));
            client.sendCloseNotify(); // the TCP connection stays open both ways
            TlsClient.Received got = client.readToEnd();
            assertEquals("answer to request", new String(got.bytes(), StandardCharsets.US_ASCII));
            assertEquals(TlsClient.End.CLOSE_NOTIFY, got.end());
            assertEquals(1, p.handler().inputClosed.get());
        }
    }

    @Test
    void aTcpEofWithoutCloseNotifyReachesOnInputClosedOnce() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new, TestTls.engines())) {
            Peer p = f.connect();
            SSLSocket ssl = handshake(p);
            ssl.getOutputStream().write(ascii("data"));
            ssl.getOutputStream().flush();
            p.client().shutdownOutput(); // the TCP socket under the TLS one: no close_notify
            await().atMost(PATIENCE).until(() -> p.handler().inputClosed.get() >= 1);
            for (int i = 0; i < 5; i++) {
                f.roundTrip();
            }
            assertEquals(1, p.handler().inputClosed.get());
            assertArrayEquals(ascii("data"), p.handler().received());
            assertTrue(p.connection().isOpen(), "the handler decides whether to close");
            LoopFixture.writeUnchecked(p.connection(), ascii("late answer"));
            assertArrayEquals(ascii("late answer"), readFully(ssl.getInputStream(), 11));
        }
    }

    @Test
    void closeGracefullySendsCloseNotifyAfterTheLastBytesThenTheTcpEof() throws Exception {
        byte[] response = payload(300_000, 23);
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                Thread.ofVirtual().start(() -> {
                    LoopFixture.writeUnchecked(connection, response);
                    connection.closeGracefully();
                });
            }
        }, TestTls.engines())) {
            ChannelPeer p = f.connectChannel();
            TlsClient client = new TlsClient(TestTls.clientContext(), p.client());
            client.handshake();
            client.write(ascii("request"));
            TlsClient.Received got = client.readToEnd();
            assertArrayEquals(response, got.bytes());
            assertEquals(TlsClient.End.CLOSE_NOTIFY, got.end());
            assertEquals(-1, p.client().read(ByteBuffer.allocate(1)), "the TCP output is shut down after it");
            p.client().close();
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
        }
    }

    @Test
    void suspendedReadsHoldRecordsUntilResumed() throws Exception {
        try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                connection.suspendReads(); // after every delivery
            }
        }, TestTls.engines())) {
            Peer p = f.connect();
            SSLSocket ssl = handshake(p);
            // One burst of many records: a read takes more than one delivery holds, so records are kept back
            // while suspended and handed over on resume.
            byte[] sent = payload(400_000, 24);
            ssl.getOutputStream().write(sent);
            ssl.getOutputStream().flush();
            int resumes = 0;
            while (p.handler().receivedCount() < sent.length) {
                int calls = resumes + 1;
                await().atMost(PATIENCE).until(() -> p.handler().dataCalls.get() >= calls);
                f.roundTrip();
                f.roundTrip();
                assertEquals(calls, p.handler().dataCalls.get(), "no delivery while reads are suspended");
                f.onLoop(() -> {
                    p.connection().resumeReads();
                    return null;
                });
                resumes++;
                assertTrue(resumes < 10_000, "no progress");
            }
            assertArrayEquals(sent, p.handler().received());
        }
    }

    @Test
    void aFailedHandshakeClosesTheConnectionWithoutData() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new, TestTls.engines())) {
            Peer p = f.connect();
            SSLSocket untrusting = TestTls.untrustingClient(p.client());
            assertThrows(SSLException.class, untrusting::startHandshake);
            await().atMost(PATIENCE).until(() -> p.handler().closed.get() == 1);
            assertEquals(0, p.handler().dataCalls.get());
            assertEquals(0, p.handler().inputClosed.get());
            assertNull(p.connection().tlsSession());
            assertEquals(0, f.counter.open());
        }
    }
}
