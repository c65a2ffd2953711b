package io.jvicorn.benchmarks.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NaiveVirtualThreadServerTest {
    private ServerSocketChannel server;
    private Thread acceptor;

    @BeforeEach
    void start() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        acceptor = NaiveVirtualThreadServer.start(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        assertTrue(acceptor.join(Duration.ofSeconds(10)), "the acceptor ends once its channel is closed");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", ((InetSocketAddress) server.getLocalAddress()).getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /** One response framed by its Content-Length: the body. */
    private static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed within a head: " + head);
            }
            head.write(b);
        }
        String h = head.toString(StandardCharsets.US_ASCII);
        assertTrue(h.startsWith("HTTP/1.1 200 OK\r\n"), h);
        int at = h.indexOf("Content-Length: ") + "Content-Length: ".length();
        int length = Integer.parseInt(h.substring(at, h.indexOf("\r\n", at)));
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    @Test
    void answersPipelinedRequestsOnOneConnectionInOrder() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(("GET /json HTTP/1.1\r\nHost: a\r\n\r\nGET /plaintext HTTP/1.1\r\nHost: a\r\n\r\n"
                    + "GET /10k HTTP/1.1\r\nHost: a\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();

            assertEquals("{\"message\":\"Hello, World!\"}", readBody(in));
            assertEquals("Hello, world!", readBody(in));
            assertEquals(new String(Workloads.BODY_10K, StandardCharsets.US_ASCII), readBody(in));
        }
    }

    @Test
    void keepsTheConnectionForAHeadSentInPiecesAndForTheNextRequest() throws IOException {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write("GET /plaintext HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write("st: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertEquals("Hello, world!", readBody(in));

            out.write("GET /json HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("{\"message\":\"Hello, World!\"}", readBody(in));
        }
    }

    @Test
    void closesWhenTheClientDoes() throws Exception {
        try (Socket s = connect()) {
            s.shutdownOutput();

            assertEquals(-1, s.getInputStream().read(), "the server closes its side after the client's end");
        }
    }
}
