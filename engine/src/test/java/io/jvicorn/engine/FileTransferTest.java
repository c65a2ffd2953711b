package io.jvicorn.engine;

import static io.jvicorn.engine.LoopFixture.PATIENCE;
import static io.jvicorn.engine.LoopFixture.concat;
import static io.jvicorn.engine.LoopFixture.payload;
import static io.jvicorn.engine.LoopFixture.readFully;
import static io.jvicorn.engine.SelectorLoopTest.setReceiveBuffer;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.engine.LoopFixture.Peer;
import io.jvicorn.engine.LoopFixture.Writer;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Transport#transferFrom}: a head and a file through real sockets, plaintext (sendfile) and TLS. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FileTransferTest {
    private static final int HEAD = 200;

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws Exception {
        return Files.write(Files.createTempFile(dir, "body", ".bin"), bytes);
    }

    private static LoopFixture fixture(boolean tls) throws Exception {
        return new LoopFixture(RecordingHandler::new, tls ? TestTls.engines() : null);
    }

    private static InputStream input(Peer p, boolean tls) throws Exception {
        if (!tls) {
            return p.in();
        }
        javax.net.ssl.SSLSocket ssl = TestTls.client(p.client());
        ssl.startHandshake();
        await().atMost(PATIENCE).until(() -> p.connection().tlsSession() != null);
        return ssl.getInputStream();
    }

    /** Transfers on a virtual thread of its own, as an application's response does. */
    private static Writer transfer(Connection c, byte[] head, Path file, long position, long count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try (FileChannel channel = FileChannel.open(file)) {
                c.transferFrom(new ByteBuffer[] {ByteBuffer.wrap(head)}, channel, position, count);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return new Writer(t, done);
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void headAndFileArriveByteExactWhateverTheirSizes(boolean tls) throws Exception {
        int lead = FileLead.BYTES - HEAD;
        List<Integer> sizes = List.of(0, 1, lead - 1, lead, lead + 1, 3 * FileLead.BYTES + 17);
        byte[] bytes = payload(3 * FileLead.BYTES + 17, 31);
        Path f = file(bytes);
        try (LoopFixture fx = fixture(tls)) {
            Peer p = fx.connect();
            InputStream in = input(p, tls);
            List<byte[]> expected = new ArrayList<>();
            for (int size : sizes) {
                byte[] head = payload(HEAD, size);
                // from position 5: a range of the file, as a 206 sends it
                int count = Math.min(size, bytes.length - 5);
                transfer(p.connection(), head, f, 5, count).join();
                expected.add(concat(head, Arrays.copyOfRange(bytes, 5, 5 + count)));
            }
            for (byte[] e : expected) {
                assertArrayEquals(e, readFully(in, e.length));
            }
            assertTrue(p.connection().isOpen());
        }
    }

    @ParameterizedTest(name = "tls={0}")
    @ValueSource(booleans = {false, true})
    void aLargeFileParksUntilTheClientReads(boolean tls) throws Exception {
        byte[] bytes = payload(8 * 1024 * 1024, 32);
        byte[] head = payload(HEAD, 33);
        Path f = file(bytes);
        try (LoopFixture fx = fixture(tls)) {
            Peer p = fx.connect(s -> setReceiveBuffer(s, 32 * 1024));
            InputStream in = input(p, tls);
            Writer writer = transfer(p.connection(), head, f, 0, bytes.length);
            assertArrayEquals(concat(head, bytes), readFully(in, HEAD + bytes.length));
            writer.join();
        }
    }

    @Test
    void aHeadLongerThanTheLeadGoesAloneAndTheFileFollows() throws Exception {
        byte[] bytes = payload(100_000, 34);
        byte[] head = payload(FileLead.BYTES + 10, 35);
        Path f = file(bytes);
        try (LoopFixture fx = fixture(false)) {
            Peer p = fx.connect();
            transfer(p.connection(), head, f, 0, bytes.length).join();
            assertArrayEquals(concat(head, bytes), readFully(p.in(), head.length + bytes.length));
        }
    }

    /** The file shrank after its length went into the head: what it has goes out, then the connection closes. */
    @ParameterizedTest(name = "file of {0} bytes, 100,000 promised")
    @ValueSource(ints = {0, 1_000, 80_000})
    void aFileThatShrankSendsWhatItHadThenCloses(int size) throws Exception {
        for (boolean tls : new boolean[] {false, true}) {
            byte[] bytes = payload(size, 36);
            byte[] head = payload(HEAD, 37);
            Path f = file(bytes);
            try (LoopFixture fx = fixture(tls)) {
                Peer p = fx.connect();
                InputStream in = input(p, tls);
                Throwable e = transfer(p.connection(), head, f, 0, 100_000).failure();
                assertInstanceOf(FileShrankException.class, e, "tls=" + tls);
                assertEquals("the file ended " + (100_000 - size) + " bytes early (it shrank)", e.getMessage());
                assertArrayEquals(concat(head, bytes), readFully(in, HEAD + size));
                assertEquals(-1, in.read(), "the response is cut off by the close");
                await().atMost(PATIENCE).until(() -> !p.connection().isOpen());
            }
        }
    }

    @Test
    void theLeadFillsTheFirstWriteUpToItsSize() {
        assertEquals(FileLead.BYTES - HEAD, FileLead.bytesAfter(HEAD, 1_000_000));
        assertEquals(500, FileLead.bytesAfter(HEAD, 500), "a small file goes out whole with its head");
        assertEquals(0, FileLead.bytesAfter(FileLead.BYTES, 1_000_000));
        assertEquals(0, FileLead.bytesAfter(FileLead.BYTES + 1, 1_000_000));
        assertEquals(0, FileLead.bytesAfter(HEAD, 0));
    }

    @Test
    void thePoolHandsOutDistinctDirectBuffersAndTakesThemBackCleared() {
        List<ByteBuffer> taken = new ArrayList<>();
        for (ByteBuffer b; (b = FileLead.acquire()) != null; ) {
            taken.add(b);
        }
        try {
            assertEquals(FileLead.POOLED, taken.size(), "no more exist than the pool holds");
            Set<ByteBuffer> distinct = Collections.newSetFromMap(new IdentityHashMap<>()); // equals() compares bytes
            distinct.addAll(taken);
            assertEquals(FileLead.POOLED, distinct.size());
            assertTrue(taken.stream().allMatch(b -> b.isDirect() && b.capacity() == FileLead.BYTES));
            ByteBuffer used = taken.remove(0);
            used.limit(10).position(3);
            FileLead.release(used);
            ByteBuffer again = FileLead.acquire();
            assertSame(used, again, "a released buffer is handed out again");
            assertEquals(0, again.position());
            assertEquals(FileLead.BYTES, again.limit());
            taken.add(again);
        } finally {
            taken.forEach(FileLead::release);
        }
    }

    @Test
    void whenEveryPooledBufferIsInUseTheHeadGoesAloneAndNothingIsAllocated() throws Exception {
        List<ByteBuffer> taken = new ArrayList<>();
        for (ByteBuffer b; (b = FileLead.acquire()) != null; ) {
            taken.add(b);
        }
        try {
            assertEquals(FileLead.POOLED, taken.size(), "no more exist than the pool holds");
            byte[] bytes = payload(300_000, 38);
            byte[] head = payload(HEAD, 39);
            Path f = file(bytes);
            try (LoopFixture fx = fixture(false)) {
                Peer p = fx.connect();
                transfer(p.connection(), head, f, 0, bytes.length).join();
                assertArrayEquals(concat(head, bytes), readFully(p.in(), HEAD + bytes.length));
            }
            assertNull(FileLead.acquire());
        } finally {
            taken.forEach(FileLead::release);
        }
        ByteBuffer b = FileLead.acquire();
        assertNotNull(b, "the buffers were returned");
        FileLead.release(b);
    }
}
