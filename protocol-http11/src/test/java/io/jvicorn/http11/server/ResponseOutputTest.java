package io.jvicorn.http11.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jvicorn.asgi.Header;
import io.jvicorn.engine.ConnectionHandler;
import io.jvicorn.engine.FileShrankException;
import io.jvicorn.engine.Transport;
import io.jvicorn.http11.codec.DefaultHeaders;
import io.jvicorn.http11.codec.HttpVersion;
import io.jvicorn.http11.codec.OutputBuffer;
import io.jvicorn.http11.codec.RequestHead;
import io.jvicorn.http11.codec.TargetForm;
import java.io.ByteArrayOutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLSession;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ResponseOutput#writeFile}: which writes a file body takes, recorded one by one. */
class ResponseOutputTest {
    private static final String HEAD = "HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n";

    @TempDir
    Path dir;
    private final RecordingTransport transport = new RecordingTransport();
    private final ResponseOutput output = new ResponseOutput(transport, new ExchangeQueue(0),
            DefaultHeaders.create(false, false, List.of()));

    @BeforeEach
    void attach() {
        output.attachWorker(new OutputBuffer());
    }

    /** Starts a response; its head is encoded at once when the headers give its length, else with the file. */
    private void start(String method, Header... headers) {
        output.encoder().begin(new RequestHead(method, HttpVersion.HTTP_1_1, TargetForm.ORIGIN, new byte[] {'/'},
                new byte[0], List.of(), 0, false, true, false, false));
        output.encoder().start(200, List.of(headers), false, output.buffer());
    }

    private Path file(int size) throws Exception {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) ('a' + i % 26);
        }
        return Files.write(dir.resolve("f" + size), content);
    }

    private void send(Path file, long length) throws Exception {
        try (FileChannel channel = FileChannel.open(file)) {
            output.writeFile(channel, length);
        }
        output.responseComplete();
    }

    @Test
    void aSmallFileGoesOutWithItsHeadInOneWrite() throws Exception {
        Path f = file(10 * 1024);
        start("GET");
        send(f, Files.size(f));
        assertEquals(List.of(HEAD.formatted(10240) + Files.readString(f)), transport.writes);
        assertEquals(0, transport.transferred);
    }

    @Test
    void aHeadEncodedBeforeTheFileGoesOutWithItToo() throws Exception {
        Path f = file(100);
        start("GET", Header.of("content-length", "100"));
        send(f, Files.size(f));
        assertEquals(List.of("HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n" + Files.readString(f)),
                transport.writes);
    }

    @Test
    void aLargerFileFollowsItsHeadBySendfile() throws Exception {
        Path f = file(ResponseOutput.COPIED_FILE_LIMIT);
        start("GET");
        send(f, Files.size(f));
        assertEquals(List.of(HEAD.formatted(ResponseOutput.COPIED_FILE_LIMIT)), transport.writes);
        assertEquals(ResponseOutput.COPIED_FILE_LIMIT, transport.transferred);
    }

    @Test
    void headSendsNoBytesOfTheFile() throws Exception {
        Path f = file(100);
        start("HEAD");
        send(f, Files.size(f));
        assertEquals(List.of(HEAD.formatted(100)), transport.writes);
        assertEquals(0, transport.transferred);
    }

    @Test
    void aFileThatShrankIsCutOffAndTheConnectionClosedAfterTheEarlierResponses() throws Exception {
        output.buffer().writeAscii("earlier response|");
        Path f = file(100);
        start("GET");
        FileShrankException e = assertThrows(FileShrankException.class, () -> send(f, 150)); // the file shrank since its size was read
        assertEquals("the file ended 50 bytes early (it shrank)", e.getMessage());
        assertEquals(List.of("earlier response|" + HEAD.formatted(150) + Files.readString(f)), transport.writes);
        assertFalse(transport.open, "the head promised bytes that never come: closed");
    }

    /** A transport that records each write and the file bytes transferred, and nothing else. */
    private static final class RecordingTransport implements Transport {
        final List<String> writes = new ArrayList<>();
        long transferred;
        boolean open = true;

        @Override
        public void write(ByteBuffer[] buffers) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (ByteBuffer b : buffers) {
                while (b.hasRemaining()) {
                    bytes.write(b.get());
                }
            }
            writes.add(bytes.toString(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void transferFrom(ByteBuffer[] head, FileChannel file, long position, long count) {
            write(head);
            transferred += count;
        }

        @Override
        public boolean tryWrite(ByteBuffer[] buffers) {
            write(buffers);
            return true;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public void closeGracefully() {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public @Nullable SocketAddress remoteAddress() {
            return null;
        }

        @Override
        public @Nullable SocketAddress localAddress() {
            return null;
        }

        @Override
        public boolean isTls() {
            return false;
        }

        @Override
        public @Nullable SSLSession tlsSession() {
            return null;
        }

        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public void replaceHandler(ConnectionHandler next) {
            throw new AssertionError("no upgrade here");
        }

        @Override
        public void suspendReads() {
        }

        @Override
        public void resumeReads() {
        }

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public ThreadFactory virtualThreads() {
            return Thread.ofVirtual().factory();
        }
    }
}
