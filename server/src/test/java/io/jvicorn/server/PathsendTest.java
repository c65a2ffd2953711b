package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.asgi.Header;
import io.jvicorn.asgi.HttpResponseBody;
import io.jvicorn.asgi.HttpResponsePathsend;
import io.jvicorn.asgi.HttpResponseStart;
import io.jvicorn.asgi.HttpScope;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http.response.pathsend}: the file is the body, sent with {@code sendfile} on plain TCP (parking while the
 * client does not read), with its length in the head when the application gave none, and without bytes for HEAD.
 */
class PathsendTest {
    @TempDir
    Path dir;

    private Path file(String name, int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return Files.write(dir.resolve(name), content);
    }

    /** Sends the file named by the path, with no content-length of its own. */
    private static io.jvicorn.asgi.Application filesFrom(Path dir) {
        return (scope, receive, send) -> {
            Path file = dir.resolve(((HttpScope) scope).path().substring(1));
            send.send(new HttpResponseStart(200, List.of(Header.of("content-type", "application/octet-stream"))));
            send.send(new HttpResponsePathsend(file.toAbsolutePath()));
        };
    }

    @Test
    void aFileLargerThanTheSocketBuffersArrivesWhole() throws Exception {
        Path big = file("big", 24 * 1024 * 1024, 1);
        try (TestServer s = TestServer.start(filesFrom(dir)); Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024); // a small window: the server's socket fills and its writer parks
            socket.connect(new InetSocketAddress("127.0.0.1", s.port()));
            socket.getOutputStream().write("GET /big HTTP/1.1\r\nhost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.contains("\r\ncontent-length: " + Files.size(big) + "\r\n"), head);
            assertArrayEquals(Files.readAllBytes(big), in.readNBytes((int) Files.size(big)));
        }
    }

    @Test
    void headGetsTheLengthAndNoBytesAndTheConnectionGoesOn() throws Exception {
        file("small", 1000, 2);
        try (TestServer s = TestServer.start(filesFrom(dir)); RawClient c = s.raw()) {
            c.send("HEAD /small HTTP/1.1\r\nhost: x\r\n\r\nGET /small HTTP/1.1\r\nhost: x\r\n\r\n");
            RawClient.Response head = c.response(true);
            assertEquals("1000", head.header("content-length"));
            assertEquals(0, head.body().length);
            RawClient.Response get = c.response();
            assertArrayEquals(Files.readAllBytes(dir.resolve("small")), get.body());
        }
    }

    @Test
    void pipelinedFilesComeBackInOrder() throws Exception {
        Path a = file("a", 70_000, 3);
        Path b = file("b", 5, 4);
        try (TestServer s = TestServer.start(filesFrom(dir)); RawClient c = s.raw()) {
            c.send("GET /a HTTP/1.1\r\nhost: x\r\n\r\nGET /b HTTP/1.1\r\nhost: x\r\n\r\nGET /a HTTP/1.1\r\nhost: x\r\n\r\n");
            assertArrayEquals(Files.readAllBytes(a), c.response().body());
            assertArrayEquals(Files.readAllBytes(b), c.response().body());
            assertArrayEquals(Files.readAllBytes(a), c.response().body());
        }
    }

    @Test
    void afterAChunkedHeadTheFileFollowsAsChunks() throws Exception {
        Path f = file("f", 150_000, 5);
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of()));
            send.send(new HttpResponseBody("head:".getBytes(StandardCharsets.US_ASCII), true));
            send.send(new HttpResponsePathsend(f.toAbsolutePath()));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
            RawClient.Response r = c.response();
            assertEquals("chunked", r.header("transfer-encoding"));
            assertNull(r.header("content-length"));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write("head:".getBytes(StandardCharsets.US_ASCII));
            expected.write(Files.readAllBytes(f));
            assertArrayEquals(expected.toByteArray(), r.body());
        }
    }

    @Test
    void aContentLengthThatDisagreesWithTheFileFailsBeforeAnyByte() throws Exception {
        Path f = file("f", 10, 6);
        try (TestServer s = TestServer.start((scope, receive, send) -> {
            send.send(new HttpResponseStart(200, List.of(Header.of("content-length", "11"))));
            send.send(new HttpResponsePathsend(f.toAbsolutePath()));
        }); RawClient c = s.raw()) {
            c.send("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
            // The head went out with the application's length, so the connection is closed rather than answered short.
            String all = c.readAll();
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.endsWith("\r\n\r\n"), all);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new AssertionError("closed in the head: " + head);
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
