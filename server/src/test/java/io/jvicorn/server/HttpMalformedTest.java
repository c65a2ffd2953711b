package io.jvicorn.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvicorn.http11.codec.ParserLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed requests over a real socket: the right status, connection: close, and nothing reaches the app. */
class HttpMalformedTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Apps.echo(), b -> b.parserLimits(new ParserLimits(8192, 16384, 100, 1000, 4096)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bare LF line ending            | 400 | GET / HTTP/1.1\\nHost: x\\n\\n
            bare CR                        | 400 | GET / HTTP/1.1\\rHost: x\\r\\n\\r\\n
            obs-fold                       | 400 | GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\r\\n b\\r\\n\\r\\n
            space before colon             | 400 | GET / HTTP/1.1\\r\\nHost : x\\r\\n\\r\\n
            no colon                       | 400 | GET / HTTP/1.1\\r\\nHost: x\\r\\nNoColon\\r\\n\\r\\n
            non-token method               | 400 | G?T / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
            space in target                | 400 | GET /?x=y z HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n
            missing Host                   | 400 | GET / HTTP/1.1\\r\\n\\r\\n
            duplicate Host                 | 400 | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n
            Content-Length +5              | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: +5\\r\\n\\r\\nhello
            Content-Length list            | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1,1\\r\\n\\r\\nh
            two Content-Lengths            | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1\\r\\nContent-Length: 1\\r\\n\\r\\nh
            Content-Length with chunked    | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
            unknown transfer coding        | 501 | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n
            bad chunk size                 | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n
            missing CRLF after chunk       | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n5\\r\\nhelloXX0\\r\\n\\r\\n
            unclosed quote in chunk ext    | 400 | POST / HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1;a="b\\r\\nX\\r\\n0\\r\\n\\r\\n
            HTTP/1.2                       | 505 | GET / HTTP/1.2\\r\\nHost: x\\r\\n\\r\\n
            lowercase version              | 400 | GET / http/1.1\\r\\nHost: x\\r\\n\\r\\n
            NUL in value                   | 400 | GET / HTTP/1.1\\r\\nHost: x\\r\\nX-A: a\\u0000b\\r\\n\\r\\n
            CONNECT                        | 501 | CONNECT example.com:443 HTTP/1.1\\r\\nHost: example.com:443\\r\\n\\r\\n
            body over limit                | 413 | POST / HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 1001\\r\\n\\r\\n
            """)
    void rejected(String name, int status, String request) throws Exception {
        try (RawClient c = server.raw()) {
            c.send(unescape(request));
            RawClient.Response r = c.response();
            assertEquals(status, r.status(), name);
            assertEquals("close", r.header("connection"));
            assertEquals("text/plain; charset=utf-8", r.header("content-type"));
            assertTrue(c.closedByServer());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            request line over 8 KiB | 414 | 9000 | 0
            header section too big  | 431 | 0    | 20000
            """)
    void limits(String name, int status, int targetLength, int headerLength) throws Exception {
        String request = "GET /" + "a".repeat(targetLength) + " HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(headerLength) + "\r\n\r\n";
        try (RawClient c = server.raw()) {
            c.send(request);
            assertEquals(status, c.response().status(), name);
        }
    }

    @org.junit.jupiter.api.Test
    void tooManyHeaders() throws Exception {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 101; i++) {
            request.append("X-").append(i).append(": v\r\n");
        }
        try (RawClient c = server.raw()) {
            c.send(request.append("\r\n").toString());
            assertEquals(431, c.response().status());
        }
    }

    @org.junit.jupiter.api.Test
    void garbageIsRejected() throws Exception {
        try (RawClient c = server.raw()) {
            c.send("x".repeat(100_000));
            RawClient.Response r = c.response();
            assertTrue(r.status() == 400 || r.status() == 414, "status " + r.status());
        }
    }

    @org.junit.jupiter.api.Test
    void smuggledRequestAfterBadChunkIsNotServed() throws Exception {
        try (RawClient c = server.raw()) {
            c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "1;a=\"b\r\nX\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
            String all = c.readAll();
            assertTrue(all.startsWith("HTTP/1.1 400 "), all);
            assertEquals(1, all.split("HTTP/1.1 ", -1).length - 1, all);
        }
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0000", "\u0000");
    }
}
