package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static io.jvicorn.engine.LoopFixture.payload;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.LoopFixture.Peer;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SelectorLoopTest {

    @Test
    void acceptedConnectionsGetTheirBytesInOrder() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            List<Peer> peers = new ArrayList<>();
            List<byte[]> payloads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                peers.add(f.connect());
                payloads.add(payload(3 * 1024 * 1024 + i, i));
            }
            assertEquals(3, f.counter.open());
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                Peer p = peers.get(i);
                byte[] bytes = payloads.get(i);
                long seed = i;
                senders.add(CompletableFuture.runAsync(() -> sendInRandomChunks(p, bytes, seed),
                        r -> Thread.ofVirtual().start(r)));
            }
            for (CompletableFuture<Void> s : senders) {
                s.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < peers.size(); i++) {
                RecordingHandler h = peers.get(i).handler();
                int size = payloads.get(i).length;
                await().atMost(PATIENCE).until(() -> h.receivedCount() >= size);
                assertArrayEquals(payloads.get(i), h.received());
            }
        }
    }

    private static void sendInRandomChunks(Peer p, byte[] bytes, long seed) {
        Random random = new Random(seed);
        try {
            OutputStream out = p.client().getOutputStream();
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(bytes.length - at, 1 + random.nextInt(100_000));
                out.write(bytes, at, n);
                at += n;
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAcceptedConnectionCountsBeforeTheLoopRegistersIt() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
            f.loop.execute(() -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                java.net.Socket client = new java.net.Socket();
                client.connect(f.address());
                f.handOver(client);
                // A graceful shutdown looking now must wait for it: the loop owns it, though it has not registered it.
                assertEquals(1, f.counter.open());
                assertFalse(f.counter.awaitZero(0));
            } finally {
                hold.countDown();
            }
            f.roundTrip();
            assertEquals(1, f.counter.open(), "counted once, registered or not");
        }
    }

    @Test
    void executeRunsTasksOnTheLoopThreadInOrder() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            assertFalse(f.loop.inLoop());
            assertTrue(f.onLoop(f.loop::inLoop));
            CompletableFuture<Boolean> fromVirtual = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> fromVirtual.complete(f.loop.inLoop()));
            assertFalse(fromVirtual.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));

            List<Integer> order = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                f.loop.execute(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            f.roundTrip();
            assertEquals(1000, order.size());
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, order.get(i));
            }
            assertEquals(List.of("test-loop"), threads.stream().distinct().toList());
        }
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheLoop() throws Exception {
        try (LoopFixture f = new LoopFixture(EchoHandler::new)) {
            f.loop.execute(() -> {
                throw new IllegalStateException("test: a failing task");
            });
            f.loop.execute(() -> {
                throw new StackOverflowError("test: a task failing with an Error");
            });
            assertTrue(f.onLoop(() -> true));
            Peer p = f.connect();
            p.send("ping".getBytes());
            assertArrayEquals("ping".getBytes(), LoopFixture.readFully(p.in(), 4));
        }
    }

    @Test
    void ticksReachEveryHandlerWithTheLoopClock() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer a = f.connect();
            Peer b = f.connect();
            f.roundTrip();
            // The clock has not moved: no tick is due.
            assertEquals(0, f.loopTicks.get());
            assertEquals(0, a.handler().ticks.get());

            f.advance(LoopFixture.TICK);
            long now = f.clock.getAsLong();
            for (Peer p : List.of(a, b)) {
                assertEquals(1, p.handler().ticks.get());
                assertEquals(now, p.handler().lastTick.get());
            }
            f.advance(LoopFixture.TICK.multipliedBy(3));
            assertEquals(2, a.handler().ticks.get());
            assertEquals(f.clock.getAsLong(), b.handler().lastTick.get());
        }
    }

    /** Which callback of a handler throws. */
    enum Failing { DATA, INPUT_CLOSED, TICK }

    @Test
    void aHandlerThatThrowsIsClosedAndTheOthersKeepWorking() throws Exception {
        for (Failing failing : Failing.values()) {
            AtomicInteger made = new AtomicInteger();
            try (LoopFixture f = new LoopFixture(c -> made.getAndIncrement() == 0 ? throwing(c, failing)
                    : new EchoHandler(c))) {
                Peer bad = f.connect();
                Peer good = f.connect();
                switch (failing) {
                    case DATA -> bad.send("boom".getBytes());
                    case INPUT_CLOSED -> bad.client().shutdownOutput();
                    case TICK -> f.advance(LoopFixture.TICK);
                }
                await().atMost(PATIENCE).until(() -> bad.handler().closed.get() == 1);
                assertEquals(-1, bad.in().read(), failing + ": the client sees the connection closed");
                assertFalse(bad.connection().isOpen());
                assertEquals(1, f.counter.open());

                good.send("still here".getBytes());
                assertArrayEquals("still here".getBytes(), LoopFixture.readFully(good.in(), 10), failing.name());
                f.advance(LoopFixture.TICK);
                assertTrue(good.handler().ticks.get() >= 1);
                assertEquals(1, bad.handler().closed.get());
            }
        }
    }

    private static RecordingHandler throwing(Connection c, Failing failing) {
        return new RecordingHandler(c) {
            @Override
            void data(byte[] bytes) {
                if (failing == Failing.DATA) {
                    // An Error, as a jar replaced under a running server gives: it must not end the loop either.
                    throw new NoClassDefFoundError("test: onData fails");
                }
            }

            @Override
            void inputEnded() {
                if (failing == Failing.INPUT_CLOSED) {
                    throw new IllegalStateException("test: onInputClosed fails");
                }
            }

            @Override
            void tick(long nowNanos) {
                if (failing == Failing.TICK) {
                    throw new IllegalStateException("test: onTick fails");
                }
            }
        };
    }

    @Test
    void shutdownAndCancelReachEveryOpenConnection() throws Exception {
        try (LoopFixture f = new LoopFixture(RecordingHandler::new)) {
            Peer a = f.connect();
            Peer b = f.connect();
            Peer gone = f.connect();
            gone.connection().close();
            await().atMost(PATIENCE).until(() -> gone.handler().closed.get() == 1);

            f.loop.shutdownConnections();
            f.roundTrip();
            assertEquals(1, a.handler().shutdowns.get());
            assertEquals(1, b.handler().shutdowns.get());
            assertEquals(0, a.handler().cancels.get());

            f.loop.cancelConnections();
            f.roundTrip();
            assertEquals(1, a.handler().cancels.get());
            assertEquals(1, b.handler().cancels.get());
            assertEquals(0, gone.handler().shutdowns.get() + gone.handler().cancels.get());
            assertTrue(a.connection().isOpen(), "the handler decides when to close");
        }
    }

    @Test
    void aHandlerThatThrowsOnShutdownOrCancelDoesNotKeepTheOthersFromIt() throws Exception {
        for (boolean cancel : new boolean[] {false, true}) {
            try (LoopFixture f = new LoopFixture(c -> new RecordingHandler(c) {
                @Override
                void shutdown() {
                    throw new IllegalStateException("test: onShutdown fails");
                }

                @Override
                void cancel() {
                    throw new IllegalStateException("test: onCancel fails");
                }
            })) {
                List<Peer> peers = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    peers.add(f.connect());
                }
                if (cancel) {
                    f.loop.cancelConnections();
                } else {
                    f.loop.shutdownConnections();
                }
                f.roundTrip();
                for (Peer p : peers) {
                    RecordingHandler h = p.handler();
                    assertEquals(1, cancel ? h.cancels.get() : h.shutdowns.get(),
                            "every connection is told, even after one handler failed");
                    assertEquals(1, h.closed.get(), "a handler that failed is closed");
                }
                assertEquals(0, f.counter.open());
            }
        }
    }

    @Test
    void stopClosesEveryConnectionOnceAndWakesParkedWriters() throws Exception {
        LoopFixture f = new LoopFixture(RecordingHandler::new);
        try (f) {
            Peer a = f.connect(s -> setReceiveBuffer(s, 32 * 1024));
            Peer b = f.connect();
            LoopFixture.Writer writer = LoopFixture.write(a.connection(), ByteBuffer.wrap(payload(16 << 20, 1)));
            writer.awaitParked();

            f.loop.stop();
            f.loop.join(PATIENCE.toMillis());
            assertInstanceOf(ConnectionClosedException.class, writer.failure());
            for (Peer p : List.of(a, b)) {
                assertEquals(1, p.handler().closed.get());
                assertFalse(p.connection().isOpen());
            }
            assertEquals(-1, b.in().read());
            assertEquals(0, f.counter.open());
        }
    }

    static void setReceiveBuffer(java.net.Socket s, int bytes) {
        try {
            s.setReceiveBufferSize(bytes);
        } catch (java.net.SocketException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
